package io.tandem.mirror.link;

/**
 * What the heartbeats received so far say about both directions of the link, as an immutable value.
 *
 * <p>Each heartbeat is the peer's report on the other direction: it echoes the send time of the newest heartbeat the
 * peer has received from us. The report says "I hear you" when that echo is no more than the timeout older than the
 * report's arrival, both times in our clock. The report is only as fresh as the heartbeat carrying it, so a silent
 * peer reads as silent, not as deaf, and a peer whose reports arrive but echo stale times reads as not hearing us.
 */
final class PeerContact {
  private final long createdAtMs;
  private final long lastHeardFromPeerMs;
  private final long peerHeardUsSentAtMs;
  private final long lastPeerSentAtMs;
  private final long highestPeerEpoch;

  private PeerContact(long createdAtMs, long lastHeardFromPeerMs, long peerHeardUsSentAtMs, long lastPeerSentAtMs,
      long highestPeerEpoch) {
    this.createdAtMs = createdAtMs;
    this.lastHeardFromPeerMs = lastHeardFromPeerMs;
    this.peerHeardUsSentAtMs = peerHeardUsSentAtMs;
    this.lastPeerSentAtMs = lastPeerSentAtMs;
    this.highestPeerEpoch = highestPeerEpoch;
  }

  /** No contact yet. {@code createdAtMs} bounds the echoes that can be ours: none was sent before it. */
  static PeerContact none(long createdAtMs) {
    return new PeerContact(createdAtMs, LinkStateMachine.NEVER, LinkStateMachine.NEVER, LinkStateMachine.NEVER,
        LinkStateMachine.NO_EPOCH);
  }

  /**
   * After a heartbeat received at {@code nowMs}. The echo is kept as a running maximum, so a heartbeat overtaken by a
   * newer one on another connection cannot age it; but an echo that cannot be a time we sent (none at all, before
   * this machine existed, i.e. to our previous incarnation, or in the future) means the peer does not hear us now.
   */
  PeerContact withHeartbeat(long nowMs, PeerHeartbeat heartbeat) {
    long echo = heartbeat.echoedSentAtMs();
    boolean echoIsOurs = echo != PeerHeartbeat.NOT_HEARD && echo >= createdAtMs && echo <= nowMs;
    long heardUs = echoIsOurs ? Math.max(peerHeardUsSentAtMs, echo) : LinkStateMachine.NEVER;
    return new PeerContact(createdAtMs, nowMs, heardUs, heartbeat.sentAtMs(),
        Math.max(highestPeerEpoch, heartbeat.senderEpoch()));
  }

  /** A heartbeat from the peer arrived no more than the timeout before {@code nowMs}. */
  boolean weHearPeerAt(long nowMs, long timeoutMs) {
    return lastHeardFromPeerMs != LinkStateMachine.NEVER && nowMs - lastHeardFromPeerMs <= timeoutMs;
  }

  /** The latest report says the peer hears us: it had our heartbeat sent no more than the timeout before it. */
  boolean peerHearsUs(long timeoutMs) {
    return peerHeardUsSentAtMs != LinkStateMachine.NEVER && lastHeardFromPeerMs - peerHeardUsSentAtMs <= timeoutMs;
  }

  boolean healthyAt(long nowMs, long timeoutMs) {
    return weHearPeerAt(nowMs, timeoutMs) && peerHearsUs(timeoutMs);
  }

  /** The first time at which the peer counts as silent, were nothing more to arrive. */
  long silentFromMs(long timeoutMs) {
    return lastHeardFromPeerMs + timeoutMs + 1;
  }

  long lastHeardFromPeerMs() {
    return lastHeardFromPeerMs;
  }

  long peerHeardUsSentAtMs() {
    return peerHeardUsSentAtMs;
  }

  long lastPeerSentAtMs() {
    return lastPeerSentAtMs;
  }

  long highestPeerEpoch() {
    return highestPeerEpoch;
  }
}
