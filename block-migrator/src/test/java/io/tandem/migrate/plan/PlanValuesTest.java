package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input values: what they accept, what they refuse, how they convert from the coordination records. */
class PlanValuesTest {
  @Test
  void aLoadReportBecomesANodeLoadOnTheGivenRack() {
    LoadReport r = new LoadReport(1, "dn-1", 42, 9000, 17, 1000, 2000, 3.5, 1.0, 4.25, "seq", 0.0, List.of(7L, 8L));
    NodeLoad n = NodeLoad.fromReport(r, "/r9");
    assertEquals("dn-1", n.datanodeUuid());
    assertEquals("/r9", n.rack());
    assertEquals(17, n.xceivers());
    assertEquals(3000.0, n.throughputBytesPerSec());
    assertEquals(4.25, n.ioLatencyMs());
    assertEquals(42, n.reportSequence());
    assertEquals(9000, n.reportAtMs());
  }

  @Test
  void negativeLoadIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new NodeLoad("a", "/r", -1, 0, 0, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new NodeLoad("a", "/r", 0, 0, 0, Double.NaN, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockHeat("a", 1, -1, 0));
  }

  @Test
  void onlyUnfinishedRoutingEntriesAreInFlight() {
    List<InFlightMove> active = InFlightMove.activeIn(List.of(
        record(1, MigrationRecord.State.PLANNED), record(2, MigrationRecord.State.COPYING),
        record(3, MigrationRecord.State.VERIFYING), record(4, MigrationRecord.State.DONE),
        record(5, MigrationRecord.State.FAILED)));
    assertEquals(List.of(1L, 2L, 3L), active.stream().map(InFlightMove::blockId).toList());
    assertEquals("dn-a", active.get(0).source());
    assertEquals("dn-b", active.get(0).target());
  }

  private static MigrationRecord record(long block, MigrationRecord.State state) {
    return new MigrationRecord(MigrationRecord.FORMAT, "BP-1", block, 1, "dn-a", "dn-b", state, 1, 1, 0, "test");
  }

  @Test
  void blockPlacementRefusesRepeatedHoldersAndReplacesTheSourceOnMove() {
    assertThrows(IllegalArgumentException.class,
        () -> new BlockPlacement(1, 1, 1, true, List.of("a", "a"), 2));
    BlockPlacement b = new BlockPlacement(1, 1, 1, true, List.of("a", "b", "c"), 3);
    assertEquals(List.of("a", "z", "c"), b.replicasAfterMove("b", "z"));
    assertEquals(List.of("a", "b", "c"), b.replicas(), "the placement itself is unchanged");
  }

  @Test
  void historyAnswersWithinWindowsAndForgets() {
    MoveHistory h = MoveHistory.builder().moved(5, "a", "b", 1000).failed("c", 2000).build();
    assertTrue(h.movedWithin(5, 1999, 1000));
    assertFalse(h.movedWithin(5, 2000, 1000));
    assertTrue(h.failedWithin("c", 2500, 1000));
    assertFalse(h.failedWithin("d", 2500, 1000));
    MoveHistory later = h.toBuilder().forgetBlock(5).build();
    assertFalse(later.lastMove(5).isPresent());
    assertTrue(h.lastMove(5).isPresent(), "the earlier history is unchanged");
  }

  @Test
  void aBlockCannotHaveTwoMovesInFlight() {
    LoadScores s = LoadModel.of(PlannerSettings.defaults()).score(List.of());
    ClusterView.Builder b = ClusterView.builder(s, HotTracker.start(PlannerSettings.defaults()));
    b.inFlight(List.of(new InFlightMove(1, "a", "b")));
    assertThrows(IllegalArgumentException.class, () -> b.inFlight(List.of(new InFlightMove(1, "a", "c"))));
  }

  @Test
  void aRackGivenForAReportingDataNodeMustAgreeWithItsReport() {
    LoadScores s = LoadModel.of(PlannerSettings.defaults()).score(List.of(PlanFixture.load("a", "/r1", 1, 1)));
    ClusterView.Builder b = ClusterView.builder(s, HotTracker.start(PlannerSettings.defaults())).rack("a", "/r2");
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void hotListHeatSplitsTheCoveredReadsByRank() {
    NodeLoad n = new NodeLoad("dn-1", "/r1", 10, 3_000_000, 0, 1, 1, 1);
    List<BlockHeat> heat = HotListHeat.estimate(n, 600, List.of(11L, 22L, 33L), 0.5);
    // 1/1 : 1/2 : 1/3 of half the node's reads
    assertEquals(List.of(11L, 22L, 33L), heat.stream().map(BlockHeat::blockId).toList());
    assertEquals(300 * 6 / 11.0, heat.get(0).readsPerSec(), 1e-9);
    assertEquals(1_500_000 * 2 / 11.0, heat.get(2).bytesReadPerSec(), 1e-6);
    assertEquals(300, heat.stream().mapToDouble(BlockHeat::readsPerSec).sum(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> HotListHeat.estimate(n, 1, List.of(1L), 0));
  }
}
