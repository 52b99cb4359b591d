package io.tandem.migrate.move;

import io.tandem.coord.record.MigrationRecord;
import java.util.Objects;

/** What to do with one routing-table entry this round: nothing, write its next state, or write it and copy. */
final class MoveStep {
  enum Kind {
    /** Leave the record as it is (waiting for a backoff, a copy or the NameNode). */
    KEEP,
    /** Write {@link #next()}. */
    WRITE,
    /** Write {@link #next()} (COPYING), then start the copy. */
    COPY
  }

  private static final MoveStep KEEP = new MoveStep(Kind.KEEP, null, false, false);

  private final Kind kind;
  private final MigrationRecord next;
  private final boolean restart;
  private final boolean purgeTarget;

  private MoveStep(Kind kind, MigrationRecord next, boolean restart, boolean purgeTarget) {
    this.kind = kind;
    this.next = next;
    this.restart = restart;
    this.purgeTarget = purgeTarget;
  }

  static MoveStep keep() {
    return KEEP;
  }

  static MoveStep write(MigrationRecord next) {
    return new MoveStep(Kind.WRITE, Objects.requireNonNull(next), false, false);
  }

  /**
   * A write that puts the move back to PLANNED (or FAILED) after a failed or overtaken attempt.
   *
   * @param copyMayHaveLanded whether a copy was sent: its replica may sit on the target at a stale stamp
   */
  static MoveStep restart(MigrationRecord next, boolean copyMayHaveLanded) {
    return new MoveStep(Kind.WRITE, Objects.requireNonNull(next), true, copyMayHaveLanded);
  }

  static MoveStep copy(MigrationRecord copying) {
    return new MoveStep(Kind.COPY, Objects.requireNonNull(copying), false, false);
  }

  Kind kind() {
    return kind;
  }

  /** The record to write; null for KEEP. */
  MigrationRecord next() {
    return next;
  }

  /** Whether this step undoes an attempt: a failed copy, a write to the block meanwhile, a target that vanished. */
  boolean isRestart() {
    return restart;
  }

  /**
   * Whether the target must be made to send a full block report. A copy that landed at a stamp the block has since
   * left is a stale replica: the NameNode drops it from the block's locations when the write bumps the stamp but
   * does not delete it from the target's disk until that DataNode's next full block report (hours away by default),
   * and until then it also blocks another copy of the block to that target. The report makes the NameNode mark it
   * corrupt and delete it at once, since the block's live replicas are all there.
   */
  boolean purgeTarget() {
    return purgeTarget;
  }

  @Override
  public String toString() {
    return kind + (next == null ? "" : " " + next) + (restart ? " (restart)" : "");
  }
}
