package io.tandem.migrate.move;

import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.MigrationRecord.State;
import java.util.Optional;
import java.util.Set;

/**
 * Decides each move's next state from what the NameNode says now. Pure: the record, the block as the block map
 * lists it (empty when it is not complete there, e.g. while it is being appended, or when it is gone), the live
 * DataNodes and the time in; a {@link MoveStep} out. Every failure path leads back to PLANNED with one more attempt
 * and a backoff (the restart), until attempts run out and the move is FAILED; nothing here ever removes a replica,
 * the NameNode does that once the target's replica is registered.
 */
final class MoveJudge {
  private final MoverSettings settings;
  private final long epoch;

  MoveJudge(MoverSettings settings, long epoch) {
    this.settings = settings;
    this.epoch = epoch;
  }

  /** A PLANNED move: start its copy once its backoff has passed and the block still sits where the move expects. */
  MoveStep planned(MigrationRecord r, Optional<ListedBlock> block, Set<String> live, long nowMs) {
    if (r.attempts > 0 && nowMs < r.updatedAtMs + settings.retryBackoff().ceilingMs(r.attempts - 1)) {
      return MoveStep.keep();
    }
    if (!live.contains(r.source)) {
      return MoveStep.write(r.withState(State.FAILED, r.attempts, epoch, nowMs,
          "source " + r.source + " is not a live DataNode; the NameNode restores the replica count"));
    }
    if (!live.contains(r.target)) {
      // Retrying a dead target only burns attempts; failing frees the block for the planner to choose another one
      // (and backs this target off).
      return MoveStep.write(r.withState(State.FAILED, r.attempts, epoch, nowMs,
          "target " + r.target + " is not a live DataNode"));
    }
    if (!block.isPresent()) {
      return retry(r, block, nowMs, "the block is not complete in the block map (being written?)", false);
    }
    ListedBlock b = block.get();
    if (b.isHeldBy(r.target)) {
      if (b.generationStamp() == r.generationStamp) {
        return MoveStep.write(r.withState(State.VERIFYING, r.attempts, epoch, nowMs, "target already holds it"));
      }
      return MoveStep.write(r.withState(State.FAILED, r.attempts, epoch, nowMs,
          "target already holds generation " + b.generationStamp()));
    }
    if (!b.isHeldBy(r.source)) {
      return MoveStep.write(r.withState(State.FAILED, r.attempts, epoch, nowMs,
          "the source no longer holds a replica"));
    }
    MigrationRecord current = b.generationStamp() == r.generationStamp && b.numBytes() == r.numBytes ? r
        : r.retried(b.generationStamp(), b.numBytes(), r.attempts, epoch, nowMs, r.reason);
    return MoveStep.copy(current.withState(State.COPYING, current.attempts, epoch, nowMs,
        "copying " + current.numBytes + " B, attempt " + (current.attempts + 1)));
  }

  /** A COPYING move whose copy this leader is not running (a previous leader's): let the NameNode tell. */
  MoveStep orphanedCopy(MigrationRecord r, long nowMs) {
    return MoveStep.write(r.withState(State.VERIFYING, r.attempts, epoch, nowMs,
        "resumed from the routing table: checking what the previous leader's copy left"));
  }

  /** This leader's copy ended: on success the NameNode must confirm it; on failure the move is retried. */
  MoveStep copyEnded(MigrationRecord r, Throwable failure, Optional<ListedBlock> block, long nowMs) {
    if (failure == null) {
      return MoveStep.write(r.withState(State.VERIFYING, r.attempts, epoch, nowMs, "copied; awaiting the NameNode"));
    }
    return retry(r, block, nowMs, "copy failed: " + failure.getMessage(), true);
  }

  /**
   * A VERIFYING move: done when the block map shows the target's replica at the recorded generation stamp and the
   * source's gone; retried when the stamp moved on (written during the move) or the target's replica never shows.
   */
  MoveStep verifying(MigrationRecord r, Optional<ListedBlock> block, long nowMs) {
    boolean timedOut = nowMs - r.updatedAtMs >= settings.verifyTimeoutMs();
    if (block.isPresent() && block.get().generationStamp() != r.generationStamp) {
      return retry(r, block, nowMs, "the block was written during the move: generation " + r.generationStamp
          + " -> " + block.get().generationStamp(), true);
    }
    if (!block.isPresent() || !block.get().isHeldBy(r.target)) {
      return timedOut ? retry(r, block, nowMs, "the NameNode does not list the target's replica after "
          + settings.verifyTimeoutMs() + " ms", true) : MoveStep.keep();
    }
    if (!block.get().isHeldBy(r.source)) {
      return MoveStep.write(r.withState(State.DONE, r.attempts, epoch, nowMs, "moved"));
    }
    return timedOut ? MoveStep.write(r.withState(State.DONE, r.attempts, epoch, nowMs,
        "target registered; the NameNode kept the source replica")) : MoveStep.keep();
  }

  private MoveStep retry(MigrationRecord r, Optional<ListedBlock> block, long nowMs, String why,
      boolean copyMayHaveLanded) {
    int attempts = r.attempts + 1;
    if (attempts >= settings.maxAttempts()) {
      return MoveStep.restart(r.withState(State.FAILED, attempts, epoch, nowMs,
          why + "; gave up after " + attempts + " attempts"), copyMayHaveLanded);
    }
    long gs = block.map(ListedBlock::generationStamp).orElse(r.generationStamp);
    long size = block.map(ListedBlock::numBytes).orElse(r.numBytes);
    return MoveStep.restart(r.retried(gs, size, attempts, epoch, nowMs, why), copyMayHaveLanded);
  }
}
