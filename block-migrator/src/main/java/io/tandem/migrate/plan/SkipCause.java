package io.tandem.migrate.plan;

/** Why a hot DataNode or one of its blocks got no move this round. */
public enum SkipCause {
  /** The hot DataNode's last move failed within the failure backoff. */
  SOURCE_BACKING_OFF,
  /** The hot DataNode already takes part in the maximum number of moves. */
  SOURCE_AT_MOVE_CAP,
  /** Moves in flight or planned already bring the hot DataNode down to the cool line. */
  SOURCE_RELIEVED,
  /** The hot DataNode listed no block heat, so nothing is known to move. */
  SOURCE_WITHOUT_HEAT,
  /** The block is not in the block map given. */
  BLOCK_UNKNOWN,
  /** The block map no longer lists the hot DataNode as a holder. */
  NOT_ON_SOURCE,
  /** Under construction: only complete blocks move. */
  UNDER_CONSTRUCTION,
  /** Fewer live replicas than expected: the NameNode's re-replication deals with it first. */
  UNDER_REPLICATED,
  /** The block already has a move in flight or planned. */
  ALREADY_MOVING,
  /** The block was moved within the block cooldown. */
  COOLING_DOWN,
  /** The replica carries no measurable load, so moving it relieves nothing. */
  NO_HEAT,
  /** A replica holder's rack is unknown, so rack placement cannot be checked. */
  RACK_UNKNOWN,
  /** No DataNode passes every rule for this block. */
  NO_ELIGIBLE_TARGET
}
