package io.tandem.mirror.link;

/**
 * Probation passed and the backlog is being replayed. Each entry into this state gets a new {@link #replayId()}, so
 * that a drained report from an earlier replay, cut short by a gap, cannot end a later one.
 */
public final class ReplayingState extends LinkState {
  private final long replayId;

  ReplayingState(long sinceMs, long replayId) {
    super(sinceMs);
    this.replayId = replayId;
  }

  @Override
  public LinkPhase phase() {
    return LinkPhase.REPLAYING;
  }

  /** Numbers the replays of one machine from 1; the driver hands it back with the drained report. */
  public long replayId() {
    return replayId;
  }

  @Override
  String detail() {
    return ", replay " + replayId;
  }
}
