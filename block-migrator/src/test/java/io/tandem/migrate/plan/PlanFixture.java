package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A small cluster described in load units. Every component of a DataNode's report is proportional to its load, so
 * its score is its load divided by the mean load; heat {@code u} on a DataNode is {@code u * BYTES_PER_UNIT} bytes/s,
 * which the model turns into a share of {@code u / meanLoad}. With loads that average 1, units are scores.
 */
final class PlanFixture {
  static final double BYTES_PER_UNIT = 100e6;
  static final long NOW = 10_000_000L;

  private PlannerSettings settings;
  private final List<NodeLoad> nodes = new ArrayList<>();
  private final List<BlockPlacement> blocks = new ArrayList<>();
  private final List<BlockHeat> heat = new ArrayList<>();
  private final List<InFlightMove> inFlight = new ArrayList<>();
  private MoveHistory history = MoveHistory.empty();

  PlanFixture(PlannerSettings settings) {
    this.settings = settings;
  }

  PlanFixture() {
    this(PlannerSettings.builder().blockCooldownMs(60_000).failureBackoffMs(30_000).build());
  }

  PlanFixture settings(PlannerSettings value) {
    this.settings = value;
    return this;
  }

  static NodeLoad load(String uuid, String rack, double load, long seq) {
    return load(uuid, rack, load, seq, seq * 1000);
  }

  /** Every component proportional to {@code load}. */
  static NodeLoad load(String uuid, String rack, double load, long seq, long atMs) {
    return new NodeLoad(uuid, rack, (int) Math.round(load * 1000), Math.round(load * BYTES_PER_UNIT * 0.8),
        Math.round(load * BYTES_PER_UNIT * 0.2), load * 5, seq, atMs);
  }

  PlanFixture node(String uuid, String rack, double load) {
    nodes.add(load(uuid, rack, load, 1));
    return this;
  }

  PlanFixture block(long id, String... holders) {
    return block(new BlockPlacement(id, 1000 + id, 128L << 20, true, List.of(holders), holders.length));
  }

  PlanFixture block(BlockPlacement b) {
    blocks.add(b);
    return this;
  }

  /** Heat in load units; reads/s are 1000 per unit, so the reason strings have something to print. */
  PlanFixture heat(String uuid, long blockId, double units) {
    heat.add(new BlockHeat(uuid, blockId, units * 1000, units * BYTES_PER_UNIT));
    return this;
  }

  PlanFixture inFlight(long blockId, String source, String target) {
    inFlight.add(new InFlightMove(blockId, source, target));
    return this;
  }

  PlanFixture history(MoveHistory value) {
    this.history = value;
    return this;
  }

  LoadScores scores() {
    return LoadModel.of(settings).score(nodes);
  }

  /** A tracker that has seen the same loads for as many rounds as the sustain rule needs. */
  HotTracker sustainedTracker() {
    LoadModel model = LoadModel.of(settings);
    HotTracker tracker = HotTracker.start(settings);
    for (int round = 1; round <= settings.sustainReports(); round++) {
      List<NodeLoad> reports = new ArrayList<>();
      for (NodeLoad n : nodes) {
        reports.add(new NodeLoad(n.datanodeUuid(), n.rack(), n.xceivers(), n.bytesReadPerSec(),
            n.bytesWrittenPerSec(), n.ioLatencyMs(), round, round * 1000L));
      }
      tracker = tracker.observe(model.score(reports));
    }
    return tracker;
  }

  ClusterView view() {
    return ClusterView.builder(scores(), sustainedTracker()).blocks(blocks).heat(heat).inFlight(inFlight)
        .history(history).build();
  }

  Plan plan() {
    return new MigrationPlanner(settings).plan(view(), NOW);
  }
}
