package io.tandem.mirror.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random event streams; see {@link LinkSimulation} for the invariants checked after every event. */
class LinkSimulationTest {
  private static final int SEEDS = 200;
  private static final int EVENTS_PER_SEED = 2000;

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariantsHoldAfterEveryEvent(long seed) {
    new LinkSimulation(seed).run(EVENTS_PER_SEED);
  }

  /** Guards the simulation itself: invariants that are never put to the test prove nothing. */
  @Test
  void theSimulationExercisesEveryTransitionCauseAndRefusal() {
    Map<String, Integer> total = new TreeMap<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      LinkSimulation simulation = new LinkSimulation(seed);
      simulation.run(EVENTS_PER_SEED);
      Map<String, Integer> coverage = simulation.coverage();
      assertTrue(coverage.getOrDefault("REPLAYING->UP", 0) > 0, "seed " + seed + " never came UP: " + coverage);
      coverage.forEach((what, n) -> total.merge(what, n, Integer::sum));
    }
    for (String edge : LinkSimulation.EDGES) {
      assertTrue(total.getOrDefault(edge, 0) >= 100, edge + " too rare: " + total);
    }
    for (GapCause cause : GapCause.values()) {
      assertTrue(total.getOrDefault(cause.name(), 0) >= 100, cause + " too rare: " + total);
    }
    assertTrue(total.getOrDefault("refused: time backwards", 0) >= 1000, total.toString());
    assertTrue(total.getOrDefault("refused: replay never started", 0) >= 1000, total.toString());
  }
}
