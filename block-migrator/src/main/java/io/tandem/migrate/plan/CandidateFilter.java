package io.tandem.migrate.plan;

import java.util.Optional;

/** The block-level rules: whether one block on a hot DataNode may move at all, before any target is looked for. */
final class CandidateFilter {
  private final ClusterView view;
  private final PlannerSettings settings;
  private final long nowMs;

  CandidateFilter(ClusterView view, PlannerSettings settings, long nowMs) {
    this.view = view;
    this.settings = settings;
    this.nowMs = nowMs;
  }

  /** Why the block stays where it is, or empty if it may move. */
  Optional<SkippedCandidate> reject(PlanningRound round, BlockHeat heat, double share) {
    String source = heat.datanodeUuid();
    long id = heat.blockId();
    Optional<BlockPlacement> found = view.block(id);
    if (!found.isPresent()) {
      return skip(source, id, SkipCause.BLOCK_UNKNOWN, "not in the block map");
    }
    BlockPlacement block = found.get();
    if (!block.isHeldBy(source)) {
      return skip(source, id, SkipCause.NOT_ON_SOURCE, "the block map no longer lists a replica on " + source);
    }
    if (!block.isComplete()) {
      return skip(source, id, SkipCause.UNDER_CONSTRUCTION, "under construction; only complete blocks move");
    }
    if (block.liveReplicas() < block.expectedReplication()) {
      return skip(source, id, SkipCause.UNDER_REPLICATED, block.liveReplicas() + " of " + block.expectedReplication()
          + " replicas live; left to the NameNode's re-replication");
    }
    if (round.isMoving(id)) {
      return skip(source, id, SkipCause.ALREADY_MOVING, "already has a move in flight or planned");
    }
    if (view.history().movedWithin(id, nowMs, settings.blockCooldownMs())) {
      long ago = nowMs - view.history().lastMove(id).get().atMs();
      return skip(source, id, SkipCause.COOLING_DOWN, "moved " + ago + " ms ago; cooldown "
          + settings.blockCooldownMs() + " ms");
    }
    if (!(share > 0)) {
      return skip(source, id, SkipCause.NO_HEAT, "carries no measurable load");
    }
    for (String holder : block.replicas()) {
      if (!view.rackOf(holder).isPresent()) {
        return skip(source, id, SkipCause.RACK_UNKNOWN, "the rack of replica holder " + holder + " is unknown");
      }
    }
    return Optional.empty();
  }

  private static Optional<SkippedCandidate> skip(String source, long blockId, SkipCause cause, String detail) {
    return Optional.of(SkippedCandidate.block(source, blockId, cause, detail));
  }
}
