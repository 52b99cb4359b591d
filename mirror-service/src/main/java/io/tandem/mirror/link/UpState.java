package io.tandem.mirror.link;

/** The backlog drained and live traffic flows. */
public final class UpState extends LinkState {
  UpState(long sinceMs) {
    super(sinceMs);
  }

  @Override
  public LinkPhase phase() {
    return LinkPhase.UP;
  }
}
