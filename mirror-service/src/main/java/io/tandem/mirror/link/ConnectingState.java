package io.tandem.mirror.link;

/** The initial state: the link has never been healthy in both directions. */
public final class ConnectingState extends LinkState {
  ConnectingState(long sinceMs) {
    super(sinceMs);
  }

  @Override
  public LinkPhase phase() {
    return LinkPhase.CONNECTING;
  }
}
