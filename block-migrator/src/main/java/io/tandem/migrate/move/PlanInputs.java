package io.tandem.migrate.move;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.migrate.plan.BlockHeat;
import io.tandem.migrate.plan.BlockPlacement;
import io.tandem.migrate.plan.ClusterView;
import io.tandem.migrate.plan.HotListHeat;
import io.tandem.migrate.plan.HotTracker;
import io.tandem.migrate.plan.InFlightMove;
import io.tandem.migrate.plan.LoadScores;
import io.tandem.migrate.plan.MoveHistory;
import io.tandem.migrate.plan.NodeLoad;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the leader read (load reports from ZooKeeper, live DataNodes and block locations from the NameNode,
 * the routing table) into the planner's {@link ClusterView}. Pure.
 */
final class PlanInputs {
  private PlanInputs() {
  }

  /**
   * The reports the round counts: from live DataNodes, one each, and fresh. A report older than {@code staleMs}
   * belongs to a DataNode that stopped reporting (hung, or its session not yet expired): its load is unknown now.
   */
  static List<LoadReport> fresh(Collection<LoadReport> all, Set<String> live, long nowMs, long staleMs) {
    List<LoadReport> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (LoadReport r : all) {
      if (r.datanodeUuid != null && live.contains(r.datanodeUuid) && nowMs - r.atMs <= staleMs
          && seen.add(r.datanodeUuid)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The reports as the load model takes them, with racks from the NameNode's topology; bad values left out. */
  static List<NodeLoad> nodeLoads(Collection<LoadReport> reports, Map<String, String> racks) {
    List<NodeLoad> out = new ArrayList<>();
    for (LoadReport r : reports) {
      try {
        out.add(NodeLoad.fromReport(r, racks.get(r.datanodeUuid)));
      } catch (IllegalArgumentException | NullPointerException e) {
        // A report the model refuses (negative rates) or without a rack counts as no report this round.
      }
    }
    return out;
  }

  /** Completed moves (for each block's cooldown) and failed ones (to back their targets off) from the table. */
  static MoveHistory history(Collection<MigrationRecord> table) {
    MoveHistory.Builder b = MoveHistory.builder();
    for (MigrationRecord r : table) {
      if (r.state == MigrationRecord.State.DONE) {
        b.moved(r.blockId, r.source, r.target, r.updatedAtMs);
      } else if (r.state == MigrationRecord.State.FAILED) {
        b.failed(r.target, r.updatedAtMs);
      }
    }
    return b.build();
  }

  /**
   * @param blocks the block map's entries for (at least) the hot DataNodes' listed hot blocks
   * @param underWay the moves in flight ({@link InFlightMove#activeIn}); a finished one counts on its target until
   *     the reports show it by the history ({@link io.tandem.migrate.plan.PlannerSettings#settleMs})
   */
  static ClusterView view(LoadScores scores, HotTracker hot, Collection<LoadReport> reports,
      Map<String, String> racks, Collection<ListedBlock> blocks, Collection<MigrationRecord> table,
      List<InFlightMove> underWay) {
    ClusterView.Builder b = ClusterView.builder(scores, hot);
    racks.forEach(b::rack);
    Set<Long> given = new HashSet<>();
    for (ListedBlock lb : blocks) {
      if (given.add(lb.blockId()) && racks.keySet().containsAll(lb.holders())) {
        // getBlocks lists complete blocks only; with no expected replication in its answer, a block counts as fully
        // replicated at the replicas it has (a move never lowers that count).
        b.block(new BlockPlacement(lb.blockId(), lb.generationStamp(), lb.numBytes(), true,
            List.copyOf(new LinkedHashSet<>(lb.holders())), Math.max(1, new HashSet<>(lb.holders()).size())));
      }
    }
    List<BlockHeat> heat = new ArrayList<>();
    for (LoadReport r : reports) {
      scores.node(r.datanodeUuid).ifPresent(node -> heat.addAll(heatOf(node, r)));
    }
    b.heat(heat);
    List<MigrationRecord> records = new ArrayList<>(table);
    b.inFlight(underWay);
    b.history(history(records));
    return b.build();
  }

  /** Measured when the report has each hot block's share; estimated from the ranking when not, or they are bad. */
  private static List<BlockHeat> heatOf(NodeLoad node, LoadReport r) {
    double blockReads = Math.max(0, r.blocksReadPerSec);
    if (!r.hotShares.isEmpty()) {
      try {
        return HotListHeat.measured(node, blockReads, r.hotBlocks, r.hotShares);
      } catch (IllegalArgumentException e) {
        // A report with shares the planner cannot use still ranks its blocks.
      }
    }
    return HotListHeat.estimate(node, blockReads, distinct(r.hotBlocks), HotListHeat.DEFAULT_COVERAGE);
  }

  private static List<Long> distinct(List<Long> ids) {
    return new ArrayList<>(new LinkedHashSet<>(ids));
  }
}
