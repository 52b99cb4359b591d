package io.tandem.mirror.link;

/** What a transition requires of the driver that owns the sockets and the backlog. */
public enum LinkAction {
  /** Nothing beyond noting the new state (entering or leaving probation; requests keep queueing). */
  NONE,
  /**
   * Close the mirror connections to the peer; requests in flight go back to the backlog to be replayed. Heartbeats
   * keep going (re-dialling as needed), since only they can show the link returning.
   */
  CLOSE_CONNECTIONS,
  /**
   * Open the mirror connections and replay the backlog in order, queueing new requests behind it; report the end
   * with {@link LinkStateMachine#onBacklogDrained(long, long)} and the transition's replay id.
   */
  START_REPLAY,
  /** The backlog is drained: send new requests directly from now on. */
  SEND_LIVE_TRAFFIC
}
