package io.tandem.mirror.link;

import io.tandem.coord.conf.LinkSettings;

/**
 * The link's timing: heartbeat interval, the gap that counts as a failure, and the probation window.
 *
 * <p>On a sound link the echo in a peer heartbeat is up to one interval plus a round trip older than its arrival, so
 * the timeout must exceed that with room for jitter; the configuration's defaults (1 s, 5 s) leave plenty.
 */
public final class LinkTimings {
  private final long heartbeatIntervalMs;
  private final long heartbeatTimeoutMs;
  private final long probationMs;

  public LinkTimings(long heartbeatIntervalMs, long heartbeatTimeoutMs, long probationMs) {
    if (heartbeatIntervalMs <= 0) {
      throw new IllegalArgumentException("heartbeat interval must be > 0 ms, got " + heartbeatIntervalMs);
    }
    if (heartbeatTimeoutMs <= heartbeatIntervalMs) {
      throw new IllegalArgumentException("heartbeat timeout (" + heartbeatTimeoutMs
          + " ms) must be greater than the heartbeat interval (" + heartbeatIntervalMs + " ms)");
    }
    if (probationMs < 0) {
      throw new IllegalArgumentException("probation must be >= 0 ms, got " + probationMs);
    }
    this.heartbeatIntervalMs = heartbeatIntervalMs;
    this.heartbeatTimeoutMs = heartbeatTimeoutMs;
    this.probationMs = probationMs;
  }

  public static LinkTimings from(LinkSettings settings) {
    return new LinkTimings(settings.heartbeatIntervalMs(), settings.heartbeatTimeoutMs(), settings.probationMs());
  }

  /** How often each agent sends a heartbeat; the driver's schedule, kept here so one object carries the timing. */
  public long heartbeatIntervalMs() {
    return heartbeatIntervalMs;
  }

  /** A direction silent for longer than this is a gap; exactly this long is not. */
  public long heartbeatTimeoutMs() {
    return heartbeatTimeoutMs;
  }

  public long probationMs() {
    return probationMs;
  }

  @Override
  public String toString() {
    return "heartbeat every " + heartbeatIntervalMs + " ms, timeout " + heartbeatTimeoutMs + " ms, probation "
        + probationMs + " ms";
  }
}
