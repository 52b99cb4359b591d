package io.tandem.mirror.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The link's health restated from the raw heartbeats, as the simulation's independent judge. It knows which times
 * we really sent, so it tells our echoes from others by membership, not by the machine's range rule.
 */
final class LinkOracle {
  private final long timeoutMs;
  private final List<Long> ourSendTimes = new ArrayList<>();
  private long lastHeardMs = LinkStateMachine.NEVER;
  private long newestEchoSinceDenialMs = LinkStateMachine.NEVER;
  private long lastPeerSentAtMs = LinkStateMachine.NEVER;
  private long highestEpoch = LinkStateMachine.NO_EPOCH;

  LinkOracle(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  void weSent(long nowMs) {
    ourSendTimes.add(nowMs);
  }

  List<Long> ourSendTimes() {
    return Collections.unmodifiableList(ourSendTimes);
  }

  boolean isOurs(long echoMs) {
    return Collections.binarySearch(ourSendTimes, echoMs) >= 0;
  }

  void heard(long nowMs, PeerHeartbeat heartbeat) {
    lastHeardMs = nowMs;
    lastPeerSentAtMs = heartbeat.sentAtMs();
    highestEpoch = Math.max(highestEpoch, heartbeat.senderEpoch());
    long echo = heartbeat.echoedSentAtMs();
    newestEchoSinceDenialMs = isOurs(echo) ? Math.max(newestEchoSinceDenialMs, echo) : LinkStateMachine.NEVER;
  }

  /** The last heartbeat is within the timeout. */
  boolean weHearPeer(long nowMs) {
    return lastHeardMs != LinkStateMachine.NEVER && nowMs - lastHeardMs <= timeoutMs;
  }

  /** The peer's latest report has it hearing a heartbeat we sent within the timeout before the report arrived. */
  boolean peerHearsUs() {
    return newestEchoSinceDenialMs != LinkStateMachine.NEVER && lastHeardMs - newestEchoSinceDenialMs <= timeoutMs;
  }

  boolean healthy(long nowMs) {
    return weHearPeer(nowMs) && peerHearsUs();
  }

  long lastHeardMs() {
    return lastHeardMs;
  }

  long newestEchoSinceDenialMs() {
    return newestEchoSinceDenialMs;
  }

  long lastPeerSentAtMs() {
    return lastPeerSentAtMs;
  }

  long highestEpoch() {
    return highestEpoch;
  }
}
