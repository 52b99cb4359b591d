package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One {@link MigrationPlanner#plan} call: walks the hot DataNodes and their blocks, collecting moves and skips. */
final class RoundPlanner {
  private final PlannerSettings settings;
  private final ClusterView view;
  private final long nowMs;
  private final PlanningRound round;
  private final CandidateFilter filter;
  private final TargetChooser chooser;
  private final List<PlannedMove> moves = new ArrayList<>();
  private final List<SkippedCandidate> skipped = new ArrayList<>();

  RoundPlanner(PlannerSettings settings, ClusterView view, long nowMs) {
    this.settings = settings;
    this.view = view;
    this.nowMs = nowMs;
    this.round = PlanningRound.start(view, nowMs, settings.settleMs());
    this.filter = new CandidateFilter(view, settings, nowMs);
    this.chooser = new TargetChooser(view, settings, nowMs);
  }

  Plan plan() {
    for (String source : hotSourcesHottestFirst()) {
      planSource(source);
    }
    return new Plan(moves, skipped);
  }

  private void planSource(String source) {
    double goal = settings.hotRule().coolLine(round.mean());
    if (view.history().failedWithin(source, nowMs, settings.failureBackoffMs())) {
      skipNode(source, SkipCause.SOURCE_BACKING_OFF, "last move failed "
          + (nowMs - view.history().lastFailureAtMs(source).getAsLong()) + " ms ago; backoff "
          + settings.failureBackoffMs() + " ms");
      return;
    }
    if (round.projected(source) <= goal) {
      skipNode(source, SkipCause.SOURCE_RELIEVED, "moves in flight bring it to "
          + MoveReasons.times(round.projected(source)) + " mean, at or below " + MoveReasons.times(goal));
      return;
    }
    List<BlockHeat> hottest = view.hottestFirst(source);
    if (hottest.isEmpty()) {
      skipNode(source, SkipCause.SOURCE_WITHOUT_HEAT, "reported no block heat");
      return;
    }
    int rank = 0;
    for (BlockHeat heat : hottest) {
      rank++;
      if (round.projected(source) <= goal) {
        return;
      }
      if (round.moveSlots(source) >= settings.maxConcurrentMoves()) {
        skipNode(source, SkipCause.SOURCE_AT_MOVE_CAP, "takes part in " + round.moveSlots(source)
            + " moves, the most allowed; still " + MoveReasons.times(round.projected(source)) + " mean");
        return;
      }
      planBlock(heat, rank);
    }
  }

  private void planBlock(BlockHeat heat, int rank) {
    String source = heat.datanodeUuid();
    double share = view.scores().moveShare(heat);
    Optional<SkippedCandidate> rejected = filter.reject(round, heat, share);
    if (rejected.isPresent()) {
      skipped.add(rejected.get());
      return;
    }
    BlockPlacement block = view.block(heat.blockId()).get();
    TargetChooser.Choice choice = chooser.choose(round, block, source, share);
    if (!choice.found()) {
      skipped.add(SkippedCandidate.block(source, heat.blockId(), SkipCause.NO_ELIGIBLE_TARGET, choice.whyNone()));
      return;
    }
    String reason = MoveReasons.move(source, view.scores().score(source), round.projected(source),
        view.hot().hotStreak(source), heat, rank, choice.target(), choice.rack(), round.projected(choice.target()),
        share);
    PlannedMove move = new PlannedMove(block.blockId(), block.generationStamp(), source, choice.target(), share,
        reason);
    round.plan(move);
    moves.add(move);
  }

  private void skipNode(String source, SkipCause cause, String detail) {
    skipped.add(SkippedCandidate.node(source, cause, detail));
  }

  /** By projected load, so a DataNode already relieved by moves in flight comes last; ties by uuid. */
  private List<String> hotSourcesHottestFirst() {
    List<String> sources = new ArrayList<>();
    for (String dn : view.hot().hotNodes()) {
      if (view.scores().contains(dn)) {
        sources.add(dn);
      }
    }
    sources.sort(Comparator.comparingDouble(round::projected).reversed().thenComparing(Comparator.naturalOrder()));
    return sources;
  }
}
