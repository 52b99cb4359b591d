package io.tandem.mirror.link;

/**
 * Where the inter-site link stands. {@link LinkState} carries what each phase knows besides its name; the
 * transitions between phases live in {@link LinkStateMachine} alone.
 */
public enum LinkPhase {
  /** Initial: heartbeats have never yet been healthy in both directions. Mirror requests queue. */
  CONNECTING,
  /** Heartbeats are healthy again; waiting out a full window without a gap before reconnecting. Requests queue. */
  PROBATION,
  /** Probation passed: the connections are open and the backlog replays in order; new requests queue behind it. */
  REPLAYING,
  /** The backlog drained: live traffic flows. */
  UP,
  /** A gap was detected: connections are closed and requests queue until heartbeats are healthy again. */
  DOWN;

  /** Whether a lapse of heartbeats in either direction counts as a gap here (it is meaningless before contact). */
  boolean watchesForGaps() {
    return this == PROBATION || this == REPLAYING || this == UP;
  }

  /** Whether the driver holds open mirror connections to the peer in this phase. */
  boolean connectionsOpen() {
    return this == REPLAYING || this == UP;
  }
}
