package io.tandem.migrate.plan;

import java.util.Objects;

/**
 * Plans which replicas to move off hot DataNodes, and where. Pure: the same view and time give the same plan.
 *
 * <p>Hot DataNodes (by the {@link HotTracker} in the view) are taken hottest first, by load projected with the moves
 * in flight. For each, its blocks are taken hottest first, and each that may move ({@link CandidateFilter}: complete,
 * fully replicated, not moving, not moved within the block cooldown) goes to the coolest eligible DataNode
 * ({@link TargetChooser}); the move's load is shifted at once from source to target in the round's projection. A
 * source is done when its projected load reaches the cool line of the {@link HotRule}, when its move slots are taken,
 * or when its heat list runs out. A DataNode backing off after a failed move is no source.
 *
 * <p>Assumption the rules rely on: the mover copies the replica to the target and only then removes the source
 * replica, so a block's live replica count never drops while it moves.
 */
public final class MigrationPlanner {
  private final PlannerSettings settings;

  public MigrationPlanner(PlannerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public PlannerSettings settings() {
    return settings;
  }

  public Plan plan(ClusterView view, long nowMs) {
    return new RoundPlanner(settings, view, nowMs).plan();
  }
}
