package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The planner against a hundred seeded clusters (20-60 DataNodes on 2-5 racks, 2,000-4,000 blocks, shifting heat,
 * one move in ten failing): every invariant holds after every step, no block ever ping-pongs, and once the heat stops
 * shifting the cluster settles (no hot DataNode, nothing planned, nothing in flight) and stays settled, with the
 * reports lagging behind completed moves.
 */
class ClusterSimulationTest {
  private static final int SEEDS = 100;

  @Test
  void everySeedKeepsTheInvariantsAndSettles() {
    int totalMoves = 0;
    int totalFailures = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      ClusterSimulation sim = new ClusterSimulation(seed);
      int settledAt = sim.run();
      long s = seed;
      assertTrue(settledAt >= ClusterSimulation.SHIFT_STEPS, () -> "seed " + s + " never settled");
      totalMoves += sim.movesStarted();
      totalFailures += sim.movesFailed();
    }
    int moves = totalMoves;
    int failures = totalFailures;
    // about 60 moves and 6 failures a seed: far below that, the scenario stopped exercising the planner
    assertTrue(moves > 20 * SEEDS, () -> "the shifting heat should have made the planner move blocks, moved " + moves);
    assertTrue(failures > 2 * SEEDS, () -> "failed moves should have exercised the backoff, failed " + failures);
  }
}
