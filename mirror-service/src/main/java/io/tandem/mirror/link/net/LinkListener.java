package io.tandem.mirror.link.net;

import io.tandem.mirror.link.LinkState;
import io.tandem.mirror.link.ReplayingState;

/** Told of every change of a {@link PeerLink}'s state, in order, on the link's driver thread. */
@FunctionalInterface
public interface LinkListener {
  /** Ignores every change. */
  LinkListener NONE = (previous, current) -> { };

  /**
   * The link moved from {@code previous} to {@code current}; called only on a change. Must return quickly: the link's
   * heartbeats wait while it runs. On {@link ReplayingState}, replay the backlog in order through
   * {@link PeerLink#send} from another thread, then call {@link PeerLink#backlogDrained(long)} with
   * {@link ReplayingState#replayId()}; the link is UP only after that. On DOWN, requests in flight have failed with
   * {@link LinkDownException} and belong back in the backlog.
   */
  void onStateChange(LinkState previous, LinkState current);
}
