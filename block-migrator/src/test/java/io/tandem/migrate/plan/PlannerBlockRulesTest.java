package io.tandem.migrate.plan;

import static io.tandem.migrate.plan.PlanAssertions.assertMoves;
import static io.tandem.migrate.plan.PlanAssertions.skipOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which blocks may move at all: complete, fully replicated, known, not moving, not moved lately. */
class PlannerBlockRulesTest {
  private static final long NOW = PlanFixture.NOW;

  /** dn-1 is hot; dn-4 is the coolest and a fine target for anything on dn-1. */
  private static PlanFixture cluster() {
    return new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r2", 0.9).node("dn-3", "/r2", 0.9).node("dn-4", "/r1", 0.2);
  }

  @Test
  void onlyCompleteBlocksMove() {
    Plan plan = cluster()
        .block(new BlockPlacement(10, 1, 1 << 20, false, List.of("dn-1", "dn-2", "dn-3"), 3))
        .block(11, "dn-1", "dn-2", "dn-3")
        .heat("dn-1", 10, 0.5).heat("dn-1", 11, 0.3).plan();
    assertMoves(plan, "11:dn-1->dn-4");
    assertEquals(SkipCause.UNDER_CONSTRUCTION, skipOf(plan, 10).cause());
  }

  @Test
  void anUnderReplicatedBlockIsLeftToTheNameNode() {
    Plan plan = cluster()
        .block(new BlockPlacement(10, 1, 1 << 20, true, List.of("dn-1", "dn-2"), 3))
        .heat("dn-1", 10, 0.5).plan();
    assertTrue(plan.isEmpty());
    SkippedCandidate s = skipOf(plan, 10);
    assertEquals(SkipCause.UNDER_REPLICATED, s.cause());
    assertEquals("2 of 3 replicas live; left to the NameNode's re-replication", s.detail());
  }

  @Test
  void aBlockMovedWithinTheCooldownStays() {
    MoveHistory recent = MoveHistory.builder().moved(10, "dn-9", "dn-1", NOW - 59_999).build();
    Plan plan = cluster().block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.5).history(recent).plan();
    assertTrue(plan.isEmpty());
    assertEquals(SkipCause.COOLING_DOWN, skipOf(plan, 10).cause());
    MoveHistory over = MoveHistory.builder().moved(10, "dn-9", "dn-1", NOW - 60_000).build();
    assertMoves(cluster().block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.5).history(over).plan(),
        "10:dn-1->dn-4");
  }

  @Test
  void aBlockWithAMoveInFlightIsNotPlannedAgain() {
    Plan plan = cluster().node("dn-5", "/r1", 0.1).block(10, "dn-1", "dn-2", "dn-3").block(11, "dn-1", "dn-2", "dn-3")
        .heat("dn-1", 10, 0.2).heat("dn-1", 11, 0.2).inFlight(10, "dn-1", "dn-5").plan();
    assertEquals(SkipCause.ALREADY_MOVING, skipOf(plan, 10).cause());
    assertMoves(plan, "11:dn-1->dn-4");
  }

  @Test
  void aBlockTheMapDoesNotKnowOrNoLongerPlacesOnTheSourceStays() {
    Plan plan = cluster().block(11, "dn-2", "dn-3", "dn-4").heat("dn-1", 10, 0.5).heat("dn-1", 11, 0.4).plan();
    assertTrue(plan.isEmpty());
    assertEquals(SkipCause.BLOCK_UNKNOWN, skipOf(plan, 10).cause());
    assertEquals(SkipCause.NOT_ON_SOURCE, skipOf(plan, 11).cause());
  }

  @Test
  void aReplicaWithNoMeasurableHeatStays() {
    Plan plan = cluster().block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0).plan();
    assertEquals(SkipCause.NO_HEAT, skipOf(plan, 10).cause());
  }

  @Test
  void aHolderOfUnknownRackBlocksTheMoveUnlessTheTopologyNamesIt() {
    PlanFixture f = cluster().block(10, "dn-1", "silent", "dn-3").heat("dn-1", 10, 0.5);
    Plan plan = f.plan();
    assertEquals(SkipCause.RACK_UNKNOWN, skipOf(plan, 10).cause());
    ClusterView view = ClusterView.builder(f.scores(), f.sustainedTracker())
        .blocks(List.of(new BlockPlacement(10, 1, 1, true, List.of("dn-1", "silent", "dn-3"), 3)))
        .heat(List.of(new BlockHeat("dn-1", 10, 500, 0.5 * PlanFixture.BYTES_PER_UNIT)))
        .rack("silent", "/r2").build();
    Plan withTopology = new MigrationPlanner(PlannerSettings.defaults()).plan(view, NOW);
    assertMoves(withTopology, "10:dn-1->dn-4");
  }

  @Test
  void aHotDataNodeWithoutHeatIsReported() {
    Plan plan = cluster().plan();
    assertEquals(SkipCause.SOURCE_WITHOUT_HEAT, PlanAssertions.nodeSkipOf(plan, "dn-1").cause());
  }
}
