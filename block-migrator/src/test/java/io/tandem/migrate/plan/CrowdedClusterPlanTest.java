package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One planning round on each of many seeded crowded clusters, where most DataNodes sit just under the cool line and
 * the room for a hot DataNode's load is scarce: the case where the ceiling on targets and the accounting of moves in
 * flight and planned actually bind. The simulation rarely gets there, since sources stop at the cool line long before
 * targets that start below the mean fill up. The plan is checked against books kept here, independently.
 */
class CrowdedClusterPlanTest {
  private static final int SEEDS = 300;

  @Test
  void noTargetIsLoadedPastTheCoolLineAndNoSourceRelievedPastIt() {
    int tightFits = 0;
    int refusedForRoom = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Random rnd = new Random(seed);
      PlannerSettings settings = PlannerSettings.builder().threshold(0.2 + 0.1 * rnd.nextDouble())
          .maxConcurrentMoves(1 + rnd.nextInt(4)).build();
      PlanFixture f = new PlanFixture(settings);
      int nodes = 8 + rnd.nextInt(30);
      int hot = 1 + rnd.nextInt(3);
      for (int i = 0; i < nodes; i++) {
        f.node(name(i), "/r" + rnd.nextInt(2), i < hot ? 1.4 + rnd.nextDouble() : 0.9 + 0.2 * rnd.nextDouble());
      }
      List<InFlightMove> inFlight = new ArrayList<>();
      long block = 0;
      for (int h = 0; h < hot; h++) {
        for (int k = 0; k < 30; k++) {
          block++;
          int a = hot + rnd.nextInt(nodes - hot);
          int b = hot + rnd.nextInt(nodes - hot);
          if (a == b) {
            f.block(block, name(h), name(a));
          } else {
            f.block(block, name(h), name(a), name(b));
          }
          f.heat(name(h), block, 0.005 + 0.3 * rnd.nextDouble() * rnd.nextDouble());
          if (rnd.nextInt(15) == 0) {
            int target = hot + rnd.nextInt(nodes - hot);
            if (target != a && target != b) {
              f.inFlight(block, name(h), name(target));
              inFlight.add(new InFlightMove(block, name(h), name(target)));
            }
          }
        }
      }
      ClusterView view = f.view();
      Plan plan = new MigrationPlanner(settings).plan(view, PlanFixture.NOW);
      tightFits += check(seed, settings, view, inFlight, plan);
      for (SkippedCandidate s : plan.skipped()) {
        if (s.detail().contains("would rise above")) {
          refusedForRoom++;
        }
      }
    }
    assertTrue(tightFits > 70, "only " + tightFits + " moves came within 0.05 of the ceiling: the test lost its bite");
    assertTrue(refusedForRoom > 20, "only " + refusedForRoom + " blocks were refused for lack of room");
  }

  /** Returns how many moves left their target within 0.05 of the cool line. */
  private static int check(long seed, PlannerSettings settings, ClusterView view, List<InFlightMove> inFlight,
      Plan plan) {
    LoadScores scores = view.scores();
    double coolLine = settings.hotRule().coolLine(scores.mean());
    int nodes = scores.size();
    double[] projected = new double[nodes];
    int[] slots = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      projected[i] = scores.score(name(i));
    }
    for (InFlightMove m : inFlight) {
      double share = scores.moveShare(view.heat(m.source(), m.blockId()).get());
      projected[index(m.source())] -= share;
      projected[index(m.target())] += share;
      slots[index(m.source())]++;
      slots[index(m.target())]++;
    }
    int tight = 0;
    for (PlannedMove m : plan.moves()) {
      String what = "seed " + seed + ": " + m + ": ";
      int src = index(m.source());
      int tgt = index(m.target());
      assertFalse(view.hot().isHot(m.target()), what + "target is hot");
      assertEquals(scores.moveShare(view.heat(m.source(), m.blockId()).get()), m.loadShare(), 1e-12, what);
      assertTrue(projected[src] > coolLine, what + "source already at " + projected[src] + ", cool line " + coolLine);
      projected[src] -= m.loadShare();
      projected[tgt] += m.loadShare();
      assertTrue(projected[tgt] <= coolLine + 1e-9, what + "target projected to " + projected[tgt] + ", cool line "
          + coolLine);
      assertTrue(++slots[src] <= settings.maxConcurrentMoves(), what + "source over the move cap");
      assertTrue(++slots[tgt] <= settings.maxConcurrentMoves(), what + "target over the move cap");
      if (coolLine - projected[tgt] < 0.05) {
        tight++;
      }
    }
    return tight;
  }

  private static String name(int i) {
    return String.format("dn-%02d", i);
  }

  private static int index(String name) {
    return Integer.parseInt(name.substring(3));
  }
}
