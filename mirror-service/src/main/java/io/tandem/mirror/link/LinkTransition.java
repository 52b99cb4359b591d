package io.tandem.mirror.link;

import java.util.Objects;

/** One change of state and what the driver must do about it. */
public final class LinkTransition {
  private final LinkState from;
  private final LinkState to;
  private final LinkAction action;

  LinkTransition(LinkState from, LinkState to, LinkAction action) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.action = Objects.requireNonNull(action, "action");
  }

  public LinkState from() {
    return from;
  }

  public LinkState to() {
    return to;
  }

  public LinkAction action() {
    return action;
  }

  /** When the transition happened: the time of the event that caused it. */
  public long atMs() {
    return to.sinceMs();
  }

  /** The id of the replay a {@link LinkAction#START_REPLAY} transition starts. */
  public long replayId() {
    if (!(to instanceof ReplayingState)) {
      throw new IllegalStateException("transition to " + to + " starts no replay, so it has no replay id");
    }
    return ((ReplayingState) to).replayId();
  }

  @Override
  public String toString() {
    return from.phase() + " -> " + to + (action == LinkAction.NONE ? "" : " (" + action + ")");
  }
}
