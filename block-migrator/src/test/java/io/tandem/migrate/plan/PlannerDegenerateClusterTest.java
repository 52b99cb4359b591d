package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Clusters with nothing to do, or nothing that can be done. */
class PlannerDegenerateClusterTest {
  private final PlannerSettings settings = PlannerSettings.defaults();
  private final MigrationPlanner planner = new MigrationPlanner(settings);

  @Test
  void anEmptyClusterPlansNothing() {
    LoadScores none = LoadModel.of(settings).score(List.of());
    HotTracker tracker = HotTracker.start(settings).observe(none);
    Plan plan = planner.plan(ClusterView.builder(none, tracker).build(), 0);
    assertTrue(plan.isEmpty());
    assertTrue(plan.skipped().isEmpty());
  }

  @Test
  void aSingleDataNodeIsNeverHot() {
    PlanFixture f = new PlanFixture().node("only", "/r1", 50).block(1, "only").heat("only", 1, 40);
    assertTrue(f.sustainedTracker().hotNodes().isEmpty());
    assertTrue(f.plan().isEmpty());
  }

  @Test
  void equalLoadsPlanNothing() {
    PlanFixture f = new PlanFixture();
    for (int i = 0; i < 10; i++) {
      f.node("dn-" + i, "/r" + (i % 3), 7.5).block(i, "dn-" + i).heat("dn-" + i, i, 2);
    }
    assertTrue(f.sustainedTracker().hotNodes().isEmpty());
    Plan plan = f.plan();
    assertTrue(plan.isEmpty() && plan.skipped().isEmpty(), plan.toString());
  }

  @Test
  void anIdleClusterPlansNothing() {
    LoadScores idle = LoadModel.of(settings).score(List.of(new NodeLoad("a", "/r1", 0, 0, 0, 0, 1, 1),
        new NodeLoad("b", "/r2", 0, 0, 0, 0, 1, 1)));
    HotTracker tracker = HotTracker.start(PlannerSettings.builder().sustainReports(1).build()).observe(idle);
    assertTrue(planner.plan(ClusterView.builder(idle, tracker).build(), 0).isEmpty());
  }

  @Test
  void twoDataNodesWithOneReplicaEachStillBalance() {
    PlanFixture f = new PlanFixture().node("a", "/r1", 1.8).node("b", "/r2", 0.2)
        .block(1, "a").block(2, "a").heat("a", 1, 0.5).heat("a", 2, 0.3);
    // 1.8 -> 1.3 is still above the cool line, so the second block follows; b ends at the mean
    PlanAssertions.assertMoves(f.plan(), "1:a->b", "2:a->b");
  }

  @Test
  void theSamePlanForTheSameView() {
    PlanFixture f = new PlanFixture();
    for (int i = 0; i < 12; i++) {
      f.node("dn-" + i, "/r" + (i % 3), i == 0 ? 4 : 0.8);
    }
    for (int b = 0; b < 8; b++) {
      f.block(b, "dn-0", "dn-" + (1 + b % 11), "dn-" + (1 + (b + 1) % 11)).heat("dn-0", b, 0.2);
    }
    ClusterView view = f.view();
    assertEquals(planner.plan(view, 5).describe(), planner.plan(view, 5).describe());
    assertEquals(2, planner.plan(view, 5).moves().size(), "capped at two moves per DataNode by default");
  }
}
