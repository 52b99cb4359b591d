package io.tandem.mirror.link;

/**
 * One machine on a fake clock, with the peer's side played by the test: {@link #send()} stands for a heartbeat we
 * send, the {@code hear...} methods for one the peer sends us. Timings are the defaults of the configuration.
 */
final class LinkFixture {
  static final long INTERVAL_MS = 1000;
  static final long TIMEOUT_MS = 5000;
  static final long PROBATION_MS = 10_000;
  static final long START_MS = 1_000_000;

  final LinkStateMachine link;
  private long nowMs = START_MS;
  private long lastSentMs = PeerHeartbeat.NOT_HEARD;
  private long peerEpoch = 1;

  LinkFixture() {
    this(new LinkTimings(INTERVAL_MS, TIMEOUT_MS, PROBATION_MS));
  }

  LinkFixture(LinkTimings timings) {
    link = new LinkStateMachine(timings, START_MS);
  }

  long now() {
    return nowMs;
  }

  void advance(long ms) {
    nowMs += ms;
  }

  /** We send a heartbeat now. */
  long send() {
    lastSentMs = nowMs;
    return nowMs;
  }

  void peerEpoch(long epoch) {
    peerEpoch = epoch;
  }

  /** A heartbeat from the peer that echoes our latest one: both directions work. */
  LinkOutcome hear() {
    return hearEchoing(lastSentMs);
  }

  LinkOutcome hearEchoing(long echoedSentAtMs) {
    return link.onHeartbeat(nowMs, new PeerHeartbeat(peerEpoch, nowMs + 7, echoedSentAtMs));
  }

  /** One heartbeat interval of a sound link: time passes, we send, the peer's reply echoes it. */
  LinkOutcome beat() {
    advance(INTERVAL_MS);
    send();
    return hear();
  }

  /** Sound heartbeats until {@code ms} have passed; returns the outcome of the last one that changed something. */
  LinkOutcome beatFor(long ms) {
    LinkOutcome changed = LinkOutcome.UNCHANGED;
    for (long beats = ms / INTERVAL_MS; beats > 0; beats--) {
      LinkOutcome outcome = beat();
      if (outcome.changed()) {
        changed = outcome;
      }
    }
    return changed;
  }

  LinkOutcome poll() {
    return link.poll(nowMs);
  }

  LinkOutcome drained(long replayId) {
    return link.onBacklogDrained(nowMs, replayId);
  }

  /** From startup to UP over a sound link; returns the replay id used. */
  long bringUp() {
    send();
    hear();
    LinkOutcome replay = beatFor(PROBATION_MS);
    long replayId = replay.transitions().get(0).replayId();
    drained(replayId);
    if (link.phase() != LinkPhase.UP) {
      throw new AssertionError("expected UP after a sound startup, got " + link);
    }
    return replayId;
  }
}
