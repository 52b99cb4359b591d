package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadModelTest {
  private final LoadModel even = new LoadModel(0.5, 0.5);

  @Test
  void theMeanScoreIsExactlyOne() {
    LoadScores s = even.score(List.of(
        new NodeLoad("a", "/r1", 10, 5_000_000, 1_000_000, 3.0, 1, 1),
        new NodeLoad("b", "/r1", 40, 90_000_000, 30_000_000, 12.0, 1, 1),
        new NodeLoad("c", "/r2", 0, 0, 0, 0.5, 1, 1)));
    assertEquals(1.0, s.mean(), 1e-12);
    assertEquals(3.0, s.score("a") + s.score("b") + s.score("c"), 1e-12);
  }

  @Test
  void whenEveryComponentIsProportionalTheScoreIsTheRatioToTheMean() {
    LoadScores s = even.score(List.of(PlanFixture.load("a", "/r1", 1, 1), PlanFixture.load("b", "/r1", 3, 1)));
    assertEquals(0.5, s.score("a"), 1e-3);
    assertEquals(1.5, s.score("b"), 1e-3);
  }

  @Test
  void theFormulaWeighsServerAndStorageAsDocumented() {
    // a: x/x̄ = 2, t/t̄ = 1, l/l̄ = 0.5; b mirrors it so the means are the midpoints.
    NodeLoad a = new NodeLoad("a", "/r1", 20, 50, 50, 2, 1, 1);
    NodeLoad b = new NodeLoad("b", "/r1", 0, 50, 50, 6, 1, 1);
    LoadScores s = new LoadModel(3, 1).score(List.of(a, b));
    double server = (2 + 1) / 2.0;
    double storage = (1 + 0.5) / 2.0;
    assertEquals((3 * server + 1 * storage) / 4, s.score("a"), 1e-12);
  }

  @Test
  void serverWeightAloneIgnoresLatencyAndStorageWeightAloneIgnoresTransfers() {
    NodeLoad slowDisk = new NodeLoad("slow", "/r1", 10, 100, 0, 50, 1, 1);
    NodeLoad busy = new NodeLoad("busy", "/r1", 30, 100, 0, 10, 1, 1);
    LoadScores server = new LoadModel(1, 0).score(List.of(slowDisk, busy));
    assertTrue(server.score("busy") > server.score("slow"));
    LoadScores storage = new LoadModel(0, 1).score(List.of(slowDisk, busy));
    assertTrue(storage.score("slow") > storage.score("busy"));
  }

  @Test
  void aComponentNobodyReportsIsLeftOutAndTheMeanStaysOne() {
    LoadScores s = even.score(List.of(new NodeLoad("a", "/r1", 0, 100, 0, 0, 1, 1),
        new NodeLoad("b", "/r1", 0, 300, 0, 0, 1, 1)));
    assertEquals(1.0, s.mean(), 1e-12);
    assertEquals(0.5, s.score("a"), 1e-12);
  }

  @Test
  void anIdleOrEmptyClusterScoresZero() {
    LoadScores idle = even.score(List.of(new NodeLoad("a", "/r1", 0, 0, 0, 0, 1, 1)));
    assertEquals(0.0, idle.score("a"));
    assertEquals(0.0, idle.mean());
    assertEquals(0.0, even.score(List.of()).mean());
  }

  @Test
  void aMoveShiftsTheSameShareOffTheSourceAndOntoTheTarget() {
    LoadScores s = even.score(List.of(PlanFixture.load("a", "/r1", 1.6, 1), PlanFixture.load("b", "/r1", 0.4, 1)));
    BlockHeat heat = new BlockHeat("a", 7, 100, 0.3 * PlanFixture.BYTES_PER_UNIT);
    assertEquals(0.3, s.moveShare(heat), 1e-3, "with proportional components a unit of heat is a unit of score");
    assertEquals(0.0, s.moveShare(new BlockHeat("gone", 7, 100, 1e9)), "a source that did not report moves nothing");
  }

  @Test
  void theTransfersMovedAreCappedAtTheSourcesOwn() {
    NodeLoad a = new NodeLoad("a", "/r1", 10, 100, 0, 0, 1, 1);
    NodeLoad b = new NodeLoad("b", "/r1", 10, 100, 0, 0, 1, 1);
    LoadScores s = new LoadModel(1, 0).score(List.of(a, b));
    // heat larger than the node's own throughput (stale or inconsistent data): at most all of its transfers move
    double share = s.moveShare(new BlockHeat("a", 1, 1, 1000));
    assertEquals((10 / 10.0 + 1000 / 100.0) / 2, share, 1e-9);
  }

  @Test
  void twoReportsFromOneDataNodeAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> even.score(List.of(PlanFixture.load("a", "/r1", 1, 1), PlanFixture.load("a", "/r1", 1, 2))));
  }

  @Test
  void weightsMustBeUsable() {
    assertThrows(IllegalArgumentException.class, () -> new LoadModel(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new LoadModel(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> new LoadModel(Double.NaN, 1));
  }
}
