package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the coolest DataNode that may receive a block's replica. A target must: not hold a replica; not be hot; not
 * be backing off after a failed move; have a free move slot; not be the DataNode the block was last moved off (no
 * ping-pong); keep rack placement ({@link RackRule}); and stay at or below the cool line with the moved load added.
 */
final class TargetChooser {
  private final ClusterView view;
  private final PlannerSettings settings;
  private final long nowMs;

  TargetChooser(ClusterView view, PlannerSettings settings, long nowMs) {
    this.view = view;
    this.settings = settings;
    this.nowMs = nowMs;
  }

  /** The chosen target, or why there is none. Rack of every replica holder must be known. */
  Choice choose(PlanningRound round, BlockPlacement block, String source, double share) {
    double ceiling = settings.hotRule().coolLine(round.mean());
    String returnBan = view.history().lastMove(block.blockId()).map(LastMove::from).orElse(null);
    List<String> beforeRacks = racksOf(block.replicas());
    String sourceRack = view.rackOf(source).get();
    Map<Rejection, Integer> rejected = new EnumMap<>(Rejection.class);
    String firstRackViolation = null;
    for (String candidate : coolestFirst(round)) {
      Rejection why;
      if (candidate.equals(source) || block.isHeldBy(candidate)) {
        why = Rejection.HOLDS_REPLICA;
      } else if (view.hot().isHot(candidate)) {
        why = Rejection.HOT;
      } else if (view.history().failedWithin(candidate, nowMs, settings.failureBackoffMs())) {
        why = Rejection.BACKING_OFF;
      } else if (round.moveSlots(candidate) >= settings.maxConcurrentMoves()) {
        why = Rejection.AT_MOVE_CAP;
      } else if (candidate.equals(returnBan)) {
        why = Rejection.MOVED_FROM;
      } else {
        String targetRack = view.rackOf(candidate).get();
        Optional<String> rackViolation = RackRule.violation(beforeRacks,
            racksOf(block.replicasAfterMove(source, candidate)), sourceRack, targetRack, view.rackCount());
        if (rackViolation.isPresent()) {
          why = Rejection.RACK_PLACEMENT;
          if (firstRackViolation == null) {
            firstRackViolation = candidate + " " + rackViolation.get();
          }
        } else if (round.projected(candidate) + share > ceiling) {
          why = Rejection.TOO_HOT_AFTER;
        } else {
          return Choice.of(candidate, targetRack);
        }
      }
      rejected.merge(why, 1, Integer::sum);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<Rejection, Integer> e : rejected.entrySet()) {
      String label = e.getKey() == Rejection.TOO_HOT_AFTER
          ? "would rise above " + MoveReasons.times(ceiling) + " mean" : e.getKey().label;
      counts.put(label, e.getValue());
    }
    return Choice.none(MoveReasons.noTarget(counts, firstRackViolation));
  }

  private List<String> coolestFirst(PlanningRound round) {
    List<String> nodes = new ArrayList<>();
    for (NodeLoad n : view.scores().nodes()) {
      nodes.add(n.datanodeUuid());
    }
    nodes.sort(Comparator.comparingDouble(round::projected).thenComparing(Comparator.naturalOrder()));
    return nodes;
  }

  private List<String> racksOf(List<String> datanodes) {
    List<String> racks = new ArrayList<>(datanodes.size());
    for (String dn : datanodes) {
      racks.add(view.rackOf(dn).get());
    }
    return racks;
  }

  /** Why a DataNode is not a target, in the order the rules are checked (and reported). */
  private enum Rejection {
    HOLDS_REPLICA("hold a replica"),
    HOT("are hot"),
    BACKING_OFF("are backing off after a failed move"),
    AT_MOVE_CAP("are at the move cap"),
    MOVED_FROM("are where the block was last moved from"),
    RACK_PLACEMENT("would break rack placement"),
    TOO_HOT_AFTER("would rise above the cool line");

    private final String label;

    Rejection(String label) {
      this.label = label;
    }
  }

  /** A target and its rack, or the reason there is none. */
  static final class Choice {
    private final String target;
    private final String rack;
    private final String whyNone;

    private Choice(String target, String rack, String whyNone) {
      this.target = target;
      this.rack = rack;
      this.whyNone = whyNone;
    }

    static Choice of(String target, String rack) {
      return new Choice(target, rack, null);
    }

    static Choice none(String why) {
      return new Choice(null, null, why);
    }

    boolean found() {
      return target != null;
    }

    String target() {
      return target;
    }

    String rack() {
      return rack;
    }

    String whyNone() {
      return whyNone;
    }
  }
}
