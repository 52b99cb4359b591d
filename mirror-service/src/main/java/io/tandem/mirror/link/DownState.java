package io.tandem.mirror.link;

/**
 * A gap was detected at {@link #sinceMs()}: the event that noticed it, which may be later than the moment the last
 * heartbeat went stale when nothing polled in between.
 */
public final class DownState extends LinkState {
  private final GapCause cause;

  DownState(long sinceMs, GapCause cause) {
    super(sinceMs);
    this.cause = cause;
  }

  @Override
  public LinkPhase phase() {
    return LinkPhase.DOWN;
  }

  public GapCause cause() {
    return cause;
  }

  @Override
  String detail() {
    return ", " + cause;
  }
}
