package io.tandem.migrate.plan;

import static io.tandem.migrate.plan.PlanAssertions.assertMoves;
import static io.tandem.migrate.plan.PlanAssertions.nodeSkipOf;
import static io.tandem.migrate.plan.PlanAssertions.skipOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which DataNodes may receive a replica, and which may give one. */
class PlannerTargetRulesTest {
  private static final long NOW = PlanFixture.NOW;

  /** dn-1 hot (2.6x mean); dn-2 and dn-3, the coolest, already hold block 10; then dn-4 (0.69x), dn-5 (0.77x). */
  private static PlanFixture holdersAreCoolest() {
    return new PlanFixture()
        .node("dn-1", "/r1", 3.0).node("dn-2", "/r2", 0.4).node("dn-3", "/r2", 0.6).node("dn-4", "/r1", 0.8)
        .node("dn-5", "/r1", 0.9).node("dn-6", "/r1", 1.3)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.3);
  }

  @Test
  void neverToADataNodeThatHoldsAReplica() {
    assertMoves(holdersAreCoolest().plan(), "10:dn-1->dn-4");
  }

  @Test
  void whenEveryOtherDataNodeHoldsAReplicaTheBlockStays() {
    Plan plan = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r2", 0.5).node("dn-3", "/r2", 0.5)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.3).plan();
    assertTrue(plan.isEmpty());
    assertEquals("no eligible target among 3 DataNodes: 3 hold a replica", skipOf(plan, 10).detail());
  }

  @Test
  void neverAllThreeReplicasOnOneRack() {
    // block 10 has two replicas on /r2; the coolest non-holder is on /r2 too, so the next coolest, on /r1, is chosen
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r2", 1.0).node("dn-3", "/r2", 1.0).node("dn-4", "/r2", 0.2)
        .node("dn-5", "/r1", 0.6)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.4);
    assertMoves(f.plan(), "10:dn-1->dn-5");
  }

  @Test
  void neverNarrowsTheRacksABlockSpans() {
    // block 10 spans /r1 /r2 /r3; moving dn-1's replica to /r2 or /r3 would leave it on two racks
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r2", 0.9).node("dn-3", "/r3", 0.9).node("dn-4", "/r2", 0.1)
        .node("dn-5", "/r3", 0.2).node("dn-6", "/r1", 0.4)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.3);
    assertMoves(f.plan(), "10:dn-1->dn-6");
  }

  @Test
  void aRackNeverHoldsMoreReplicasThanTheDefaultPolicyAllows() {
    // six replicas on three racks: at most (6 - 1) / 3 + 2 = 3 per rack; /r2 already has 3
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("a", "/r1", 1.0).node("b", "/r2", 1.0).node("c", "/r2", 1.0)
        .node("d", "/r2", 1.0).node("e", "/r3", 1.0).node("t2", "/r2", 0.1).node("t3", "/r3", 0.5)
        .block(10, "dn-1", "a", "b", "c", "d", "e").heat("dn-1", 10, 0.4);
    Plan plan = f.plan();
    assertMoves(plan, "10:dn-1->t3");
  }

  @Test
  void whenOnlyRackBreakingTargetsRemainTheSkipSaysWhichRule() {
    Plan plan = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r2", 1.0).node("dn-3", "/r2", 1.0).node("dn-4", "/r2", 0.0)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.4).plan();
    assertTrue(plan.isEmpty());
    assertEquals("no eligible target among 4 DataNodes: 3 hold a replica, 1 would break rack placement "
        + "(e.g. dn-4 would narrow it from 2 racks to 1)", skipOf(plan, 10).detail());
  }

  @Test
  void inAOneRackClusterAnyNonHolderWillDo() {
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r1", 1.0).node("dn-3", "/r1", 0.9).node("dn-4", "/r1", 0.1)
        .block(10, "dn-1", "dn-2", "dn-3").heat("dn-1", 10, 0.4);
    assertMoves(f.plan(), "10:dn-1->dn-4");
  }

  @Test
  void aHotDataNodeIsNeverATargetEvenWhenMovesInFlightProjectItCool() {
    // dn-2 is hot by its reports; the move in flight projects it to 0.3x, the coolest, but it stays out until cooled
    PlanFixture f = new PlanFixture()
        .node("dn-1", "/r1", 2.0).node("dn-2", "/r1", 1.6).node("dn-3", "/r1", 0.0).node("dn-4", "/r1", 0.4)
        .block(10, "dn-1").block(20, "dn-2").heat("dn-1", 10, 0.4).heat("dn-2", 20, 1.3)
        .inFlight(20, "dn-2", "dn-3");
    Plan plan = f.plan();
    assertMoves(plan, "10:dn-1->dn-4");
    assertEquals(SkipCause.SOURCE_RELIEVED, nodeSkipOf(plan, "dn-2").cause());
  }

  @Test
  void aSourceTakesNoMoreMovesThanTheCapCountingThoseInFlight() {
    PlanFixture f = new PlanFixture(PlannerSettings.builder().maxConcurrentMoves(2).build())
        .node("dn-1", "/r1", 2.6).node("dn-2", "/r1", 0.1).node("dn-3", "/r1", 0.1).node("dn-4", "/r1", 0.1)
        .node("dn-5", "/r1", 0.1);
    for (long b = 1; b <= 4; b++) {
      f.block(b, "dn-1").heat("dn-1", b, 0.1);
    }
    f.inFlight(1, "dn-1", "dn-2");
    Plan plan = f.plan();
    assertEquals(1, plan.moves().size(), plan.toString());
    assertEquals(SkipCause.SOURCE_AT_MOVE_CAP, nodeSkipOf(plan, "dn-1").cause());
  }

  @Test
  void aTargetTakesNoMoreMovesThanTheCapCountingThoseInFlightEitherWay() {
    PlanFixture f = new PlanFixture(PlannerSettings.builder().maxConcurrentMoves(2).build())
        .node("dn-1", "/r1", 2.2).node("busy-in", "/r1", 0.1).node("busy-out", "/r1", 0.2)
        .node("free", "/r1", 0.6).node("dn-9", "/r1", 0.9)
        .block(10, "dn-1").heat("dn-1", 10, 0.2)
        .inFlight(1, "dn-9", "busy-in").inFlight(2, "dn-9", "busy-in")
        .inFlight(3, "busy-out", "dn-9").inFlight(4, "busy-out", "dn-9");
    assertMoves(f.plan(), "10:dn-1->free");
  }

  @Test
  void withACapOfOneATargetTakesOneMovePerRound() {
    PlanFixture f = new PlanFixture(PlannerSettings.builder().maxConcurrentMoves(1).build())
        .node("hot-a", "/r1", 1.8).node("hot-b", "/r1", 1.8).node("cool", "/r1", 0.1).node("next", "/r1", 0.3)
        .block(1, "hot-a").block(2, "hot-b").heat("hot-a", 1, 0.2).heat("hot-b", 2, 0.2);
    assertMoves(f.plan(), "1:hot-a->cool", "2:hot-b->next");
  }

  @Test
  void aDataNodeWhoseLastMoveFailedIsNoTargetUntilTheBackoffEnds() {
    MoveHistory justFailed = MoveHistory.builder().failed("dn-4", NOW - 29_999).build();
    assertMoves(holdersAreCoolest().history(justFailed).plan(), "10:dn-1->dn-5");
    MoveHistory backedOff = MoveHistory.builder().failed("dn-4", NOW - 30_000).build();
    assertMoves(holdersAreCoolest().history(backedOff).plan(), "10:dn-1->dn-4");
  }

  @Test
  void aDataNodeWhoseLastMoveFailedIsNoSourceUntilTheBackoffEnds() {
    Plan plan = holdersAreCoolest().history(MoveHistory.builder().failed("dn-1", NOW - 1).build()).plan();
    assertTrue(plan.isEmpty());
    assertEquals(SkipCause.SOURCE_BACKING_OFF, nodeSkipOf(plan, "dn-1").cause());
    assertEquals("last move failed 1 ms ago; backoff 30000 ms", nodeSkipOf(plan, "dn-1").detail());
  }

  @Test
  void aBlockIsNeverMovedBackToTheDataNodeItLastLeft() {
    // block 10 came to dn-1 from dn-4 long ago (cooldown over); dn-4 is the coolest, yet dn-5 gets it
    MoveHistory h = MoveHistory.builder().moved(10, "dn-4", "dn-1", NOW - 10 * 60_000).build();
    Plan plan = holdersAreCoolest().history(h).plan();
    assertMoves(plan, "10:dn-1->dn-5");
  }
}
