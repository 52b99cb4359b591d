package io.tandem.hadoop.metrics;

import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.move.MigrationCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gauges of the block mover hosted by this agent: what it did since the agent started, and whether it leads. */
public final class MigrationMetrics {
  private MigrationMetrics() {
  }

  public static Map<String, Long> gauges(MigrationComponent migration) {
    MigrationCounters c = migration.counters();
    Map<String, Long> gauges = new LinkedHashMap<>();
    gauges.put("Active", migration.isActive() ? 1L : 0L);
    gauges.put("MovesInFlight", (long) migration.movesInFlight());
    gauges.put("MovesPlanned", c.movesPlanned());
    gauges.put("MovesDone", c.movesDone());
    gauges.put("MovesFailed", c.movesFailed());
    gauges.put("Restarts", c.restarts());
    gauges.put("BytesMoved", c.bytesMoved());
    gauges.put("HotDataNodes", (long) migration.hotNodes().size());
    return gauges;
  }
}
