package io.tandem.migrate.plan;

import static io.tandem.migrate.plan.PlanAssertions.assertMoves;
import static io.tandem.migrate.plan.PlanAssertions.nodeSkipOf;
import static io.tandem.migrate.plan.PlanAssertions.skipOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which blocks leave a hot DataNode, where they go, and how far: hottest first, coolest first, no overshoot. */
class PlannerLoadRulesTest {
  private static PlannerSettings capped(int moves) {
    return PlannerSettings.builder().maxConcurrentMoves(moves).blockCooldownMs(60_000).failureBackoffMs(30_000)
        .build();
  }

  @Test
  void theHottestBlockGoesToTheCoolestEligibleDataNodeAndTheReasonSaysWhy() {
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r1", 0.9).node("dn-3", "/r2", 0.6).node("dn-4", "/r2", 0.5)
        .block(10, "dn-1", "dn-3", "dn-2").block(11, "dn-1", "dn-4", "dn-2").block(12, "dn-1", "dn-3", "dn-2")
        .heat("dn-1", 11, 0.2).heat("dn-1", 10, 0.5).heat("dn-1", 12, 0.1);
    Plan plan = f.plan();
    assertMoves(plan, "10:dn-1->dn-4", "11:dn-1->dn-3");
    assertEquals("dn-1 load 2.00x mean for 3 reports; block 10 is its hottest (500 reads/s, 50.0 MB/s); "
        + "dn-4 coolest eligible on rack /r2 (0.50x mean, 1.00x after)", plan.moves().get(0).reason());
    assertEquals("dn-1 load 2.00x mean for 3 reports (1.50x counting moves in flight and planned); block 11 is its "
        + "2nd hottest (200 reads/s, 20.0 MB/s); dn-3 coolest eligible on rack /r2 (0.60x mean, 0.80x after)",
        plan.moves().get(1).reason());
    assertEquals(1010, plan.moves().get(0).generationStamp());
    assertEquals(0.5, plan.moves().get(0).loadShare(), 1e-3);
    assertEquals(SkipCause.SOURCE_AT_MOVE_CAP, nodeSkipOf(plan, "dn-1").cause());
  }

  @Test
  void aSourceIsRelievedOnlyDownToTheCoolLine() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-1", "/r1", 1.5).node("dn-2", "/r1", 0.7).node("dn-3", "/r1", 0.8).node("dn-4", "/r1", 1.0);
    for (long b = 1; b <= 5; b++) {
      f.block(b, "dn-1").heat("dn-1", b, 0.2);
    }
    Plan plan = f.plan();
    // 1.5 -> 1.3 -> 1.1 <= 1.125: two moves, not five
    assertEquals(2, plan.moves().size(), plan.toString());
  }

  @Test
  void noTargetIsLoadedPastTheCoolLine() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-1", "/r1", 1.8).node("dn-2", "/r1", 1.0).node("dn-3", "/r1", 0.95).node("dn-4", "/r1", 0.25)
        .block(1, "dn-1").block(2, "dn-1").block(3, "dn-1")
        .heat("dn-1", 1, 0.3).heat("dn-1", 2, 0.3).heat("dn-1", 3, 0.3);
    Plan plan = f.plan();
    // dn-4 takes two (0.25 -> 0.85); a third would take it to 1.15, dn-3 to 1.25, dn-2 to 1.3: all past 1.125,
    // so dn-1 stays at 1.2 rather than make another DataNode hot
    assertMoves(plan, "1:dn-1->dn-4", "2:dn-1->dn-4");
    assertEquals(SkipCause.NO_ELIGIBLE_TARGET, skipOf(plan, 3).cause());
  }

  @Test
  void aBlockTooHotForAnyTargetIsSkippedAndACoolerOneStillMoves() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r1", 0.7).node("dn-3", "/r1", 0.65).node("dn-4", "/r1", 0.65)
        .block(1, "dn-1").block(2, "dn-1")
        .heat("dn-1", 1, 0.9).heat("dn-1", 2, 0.4);
    Plan plan = f.plan();
    assertMoves(plan, "2:dn-1->dn-3");
    SkippedCandidate s = skipOf(plan, 1);
    assertEquals(SkipCause.NO_ELIGIBLE_TARGET, s.cause());
    assertEquals("no eligible target among 4 DataNodes: 1 hold a replica, 3 would rise above 1.13x mean",
        s.detail());
  }

  @Test
  void movesPlannedInTheSameRoundFillATargetBeforeTheNextCoolestIsUsed() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-1", "/r1", 2.1).node("dn-2", "/r1", 0.6).node("dn-3", "/r1", 0.7).node("dn-4", "/r1", 0.6)
        .block(1, "dn-1").block(2, "dn-1").block(3, "dn-1")
        .heat("dn-1", 1, 0.4).heat("dn-1", 2, 0.4).heat("dn-1", 3, 0.4);
    Plan plan = f.plan();
    // ties by uuid: dn-2 then dn-4 (both 0.6 -> 1.0), then dn-3 (0.7 -> 1.1)
    assertMoves(plan, "1:dn-1->dn-2", "2:dn-1->dn-4", "3:dn-1->dn-3");
  }

  @Test
  void twoHotSourcesShareTargetsWithoutOvershootingThem() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("hot-a", "/r1", 1.9).node("hot-b", "/r1", 1.6).node("cool", "/r1", 0.3).node("mid", "/r1", 0.2)
        .block(1, "hot-a").block(2, "hot-b")
        .heat("hot-a", 1, 0.8).heat("hot-b", 2, 0.6);
    Plan plan = f.plan();
    // hottest source first takes the coolest target; the second sees "mid" at 1.0 and goes to "cool"
    assertMoves(plan, "1:hot-a->mid", "2:hot-b->cool");
  }

  @Test
  void movesInFlightCountOnBothEndsBeforeAnythingIsPlanned() {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-1", "/r1", 1.5).node("dn-2", "/r1", 1.6).node("dn-3", "/r1", 0.6).node("dn-4", "/r1", 0.3)
        .block(1, "dn-1").block(2, "dn-2").block(3, "dn-2")
        .heat("dn-1", 1, 0.4).heat("dn-2", 2, 0.3).heat("dn-2", 3, 0.3)
        .inFlight(1, "dn-1", "dn-4");
    Plan plan = f.plan();
    assertEquals(SkipCause.SOURCE_RELIEVED, nodeSkipOf(plan, "dn-1").cause(), plan.toString());
    // dn-4 (0.3) is 0.7 with the move in flight, so dn-3 (0.6) is the coolest: it takes one (0.9), dn-4 the next (1.0)
    assertMoves(plan, "2:dn-2->dn-3", "3:dn-2->dn-4");
  }

  @Test
  void theHottestSourceIsPlannedFirst() {
    PlanFixture f = new PlanFixture(capped(1))
        .node("warm", "/r1", 1.5).node("hottest", "/r1", 2.0).node("only", "/r1", 0.2).node("x", "/r1", 1.1)
        .node("y", "/r1", 1.1).node("z", "/r1", 0.1)
        .block(1, "warm").block(2, "hottest")
        .heat("warm", 1, 0.3).heat("hottest", 2, 0.3);
    Plan plan = f.plan();
    assertEquals("hottest", plan.moves().get(0).source(), plan.toString());
    assertEquals("z", plan.moves().get(0).target());
    assertTrue(plan.moves().size() == 2 && plan.moves().get(1).target().equals("only"), plan.toString());
  }

  /**
   * One of five equally hot blocks has just moved to dn-a, and no report shows it yet: dn-a still reports 0.2 and the
   * source still lists the block. Counting the move on both ends, the next blocks go to the other cool DataNodes, and
   * dn-a gets no second hot block that would make it hot in turn.
   */
  @Test
  void aMoveJustCompletedCountsOnItsTargetUntilTheReportsShowIt() {
    long movedAt = PlanFixture.NOW - 2_000;
    Plan plan = fiveHotBlocksOneJustMoved(movedAt).plan();
    assertMoves(plan, "2:dn-h->dn-b", "3:dn-h->dn-c", "4:dn-h->dn-d");
    assertTrue(plan.moves().stream().noneMatch(m -> m.target().equals("dn-a")), plan.toString());
  }

  @Test
  void onceTheSettleTimeHasPassedTheReportsAreTrustedAgain() {
    long movedAt = PlanFixture.NOW - PlannerSettings.DEFAULT_SETTLE_MS;
    Plan plan = fiveHotBlocksOneJustMoved(movedAt).plan();
    assertEquals("dn-a", plan.moves().get(0).target(), plan.toString());
  }

  private static PlanFixture fiveHotBlocksOneJustMoved(long movedAt) {
    PlanFixture f = new PlanFixture(capped(10))
        .node("dn-h", "/r1", 4.2).node("dn-a", "/r1", 0.2).node("dn-b", "/r1", 0.2).node("dn-c", "/r1", 0.2)
        .node("dn-d", "/r1", 0.2)
        .block(1, "dn-a");
    for (long b = 2; b <= 5; b++) {
      f.block(b, "dn-h").heat("dn-h", b, 0.8);
    }
    return f.heat("dn-h", 1, 0.8).history(MoveHistory.builder().moved(1, "dn-h", "dn-a", movedAt).build());
  }
}
