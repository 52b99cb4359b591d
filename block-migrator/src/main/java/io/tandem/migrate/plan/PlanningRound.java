package io.tandem.migrate.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The working state of one {@link MigrationPlanner#plan} call, confined to it: projected load scores, move slots taken
 * and blocks already moving. Starts from the reports with every move in flight applied, since a report does not yet
 * show a move that has not completed; each planned move is then applied as it is chosen, so later choices in the same
 * round see it and neither the source nor the target overshoots.
 */
final class PlanningRound {
  private final LoadScores scores;
  private final Map<String, Double> projected = new HashMap<>();
  private final Map<String, Integer> moveSlots = new HashMap<>();
  private final Set<Long> movingBlocks = new HashSet<>();

  private PlanningRound(LoadScores scores) {
    this.scores = scores;
  }

  /**
   * A round with the view's in-flight moves applied, and the completed moves its target's report does not show yet.
   * A move whose block is not in its source's heat list shifts no load (its heat is unknown) but still holds its
   * slots and its block.
   */
  static PlanningRound start(ClusterView view, long nowMs, long settleMs) {
    LoadScores scores = view.scores();
    PlanningRound round = new PlanningRound(scores);
    for (NodeLoad n : scores.nodes()) {
      round.projected.put(n.datanodeUuid(), scores.score(n.datanodeUuid()));
    }
    for (InFlightMove m : view.inFlight()) {
      double share = view.heat(m.source(), m.blockId()).map(scores::moveShare).orElse(0.0);
      round.take(m.blockId(), m.source(), m.target(), share);
    }
    for (LastMove m : view.history().lastMoves()) {
      if (isSettling(view, m, nowMs, settleMs)) {
        round.settle(view, m);
      }
    }
    return round;
  }

  /**
   * Whether a completed move may not show in its target's report yet: it completed within the settle time, and the
   * target has not reported for the settle time since.
   */
  private static boolean isSettling(ClusterView view, LastMove m, long nowMs, long settleMs) {
    if (nowMs - m.atMs() >= settleMs) {
      return false;
    }
    return view.scores().node(m.to()).map(n -> n.reportAtMs() - m.atMs() < settleMs).orElse(false);
  }

  /**
   * Counts a settling move's heat in full on its target and off its source. The heat is what the source still lists
   * for the block, or what the target already lists if that is more; what the target lists is in its score already,
   * so only the rest is added. The move holds no slot: it is done.
   */
  private void settle(ClusterView view, LastMove m) {
    double offSource = view.heat(m.from(), m.blockId()).map(scores::moveShare).orElse(0.0);
    double onTarget = view.heat(m.to(), m.blockId()).map(scores::moveShare).orElse(0.0);
    double full = Math.max(offSource, onTarget);
    projected.computeIfPresent(m.from(), (k, p) -> Math.max(0, p - offSource));
    projected.computeIfPresent(m.to(), (k, p) -> p + full - onTarget);
  }

  /** The DataNode's score with the moves in flight and planned so far applied. */
  double projected(String datanodeUuid) {
    Double p = projected.get(datanodeUuid);
    return p == null ? 0 : p;
  }

  /** Moves the DataNode takes part in, as source or target, in flight or planned. */
  int moveSlots(String datanodeUuid) {
    Integer n = moveSlots.get(datanodeUuid);
    return n == null ? 0 : n;
  }

  boolean isMoving(long blockId) {
    return movingBlocks.contains(blockId);
  }

  void plan(PlannedMove move) {
    take(move.blockId(), move.source(), move.target(), move.loadShare());
  }

  double mean() {
    return scores.mean();
  }

  private void take(long blockId, String source, String target, double share) {
    movingBlocks.add(blockId);
    moveSlots.merge(source, 1, Integer::sum);
    moveSlots.merge(target, 1, Integer::sum);
    projected.computeIfPresent(source, (k, p) -> Math.max(0, p - share));
    projected.computeIfPresent(target, (k, p) -> p + share);
  }
}
