package io.tandem.mirror.link;

import java.util.List;
import java.util.Random;

/**
 * The world outside one machine, driven by a seed: the peer's heartbeats and the time between events, in regimes
 * that last a while each so that sound stretches long enough to pass probation alternate with silences, one-way
 * links, jittery links whose silences straddle the timeout, and garbage.
 */
final class SimulatedPeer {
  enum Regime { SOUND, ONE_WAY, SILENT, JITTERY, CHAOS }

  private final Random random;
  private final LinkTimings timings;
  private final LinkOracle oracle;
  private final long createdAtMs;
  private final long peerClockOffsetMs;
  private Regime regime = Regime.SOUND;
  private long frozenEchoMs = PeerHeartbeat.NOT_HEARD;
  private long epoch;

  SimulatedPeer(Random random, LinkTimings timings, LinkOracle oracle, long createdAtMs) {
    this.random = random;
    this.timings = timings;
    this.oracle = oracle;
    this.createdAtMs = createdAtMs;
    this.peerClockOffsetMs = random.nextLong() / 4;
    this.epoch = random.nextInt(3);
  }

  Regime regime() {
    return regime;
  }

  /** Called once per event: now and then the world changes character. */
  void maybeChangeRegime() {
    if (random.nextInt(80) == 0) {
      Regime[] all = Regime.values();
      regime = random.nextInt(3) == 0 ? Regime.SOUND : all[random.nextInt(all.length)];
      frozenEchoMs = latestSend();
    }
  }

  long nextDelayMs() {
    long interval = timings.heartbeatIntervalMs();
    long timeout = timings.heartbeatTimeoutMs();
    switch (regime) {
      case SILENT:
        return bounded(timeout / 2);
      case JITTERY:
        return bounded(timeout * 3 / 4);
      case CHAOS:
        return random.nextInt(10) == 0 ? bounded(3 * timeout) : bounded(interval);
      default:
        return bounded(interval / 2);
    }
  }

  boolean sends() {
    return regime != Regime.SILENT;
  }

  PeerHeartbeat heartbeat(long nowMs) {
    if (random.nextInt(50) == 0) {
      epoch++;
    }
    long sentEpoch = random.nextInt(30) == 0 ? random.nextInt((int) epoch + 1) : epoch;
    return new PeerHeartbeat(sentEpoch, nowMs + peerClockOffsetMs, echo(nowMs));
  }

  private long echo(long nowMs) {
    switch (regime) {
      case ONE_WAY:
        return frozenEchoMs;
      case CHAOS:
        return chaoticEcho(nowMs);
      default:
        return random.nextInt(10) == 0 ? recentSend(5) : latestSend();
    }
  }

  private long chaoticEcho(long nowMs) {
    switch (random.nextInt(6)) {
      case 0:
        return PeerHeartbeat.NOT_HEARD;
      case 1:
        return recentSend(Integer.MAX_VALUE);
      case 2:
        return nowMs + 1 + bounded(1000);
      case 3:
        return createdAtMs - 1 - bounded(1000);
      default:
        return latestSend();
    }
  }

  private long latestSend() {
    List<Long> sent = oracle.ourSendTimes();
    return sent.isEmpty() ? PeerHeartbeat.NOT_HEARD : sent.get(sent.size() - 1);
  }

  /** One of the last {@code depth} heartbeats we sent: an echo overtaken on the way, or a stale one. */
  private long recentSend(int depth) {
    List<Long> sent = oracle.ourSendTimes();
    if (sent.isEmpty()) {
      return PeerHeartbeat.NOT_HEARD;
    }
    int span = Math.min(depth, sent.size());
    return sent.get(sent.size() - 1 - random.nextInt(span));
  }

  private long bounded(long maxInclusive) {
    return maxInclusive <= 0 ? 0 : (long) (random.nextDouble() * (maxInclusive + 1));
  }
}
