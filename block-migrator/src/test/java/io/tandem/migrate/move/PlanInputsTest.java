package io.tandem.migrate.move;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.MigrationRecord.State;
import io.tandem.migrate.plan.InFlightMove;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanInputsTest {
  private static LoadReport report(String dn, long atMs) {
    return new LoadReport(LoadReport.FORMAT, dn, 1, atMs, 1, 100, 0, 1, 0, 0, "read-random", 1, List.of(7L));
  }

  private static MigrationRecord move(long block, State state, long atMs) {
    return new MigrationRecord(MigrationRecord.FORMAT, "BP-1", block, 1, "a", "b", state, 0, 1, atMs, "why", 10);
  }

  @Test
  void staleReportsAndReportsOfDataNodesTheNameNodeDoesNotCountLiveAreLeftOut() {
    List<LoadReport> fresh = PlanInputs.fresh(List.of(report("live-fresh", 9_000), report("live-stale", 5_999),
        report("dead-fresh", 9_000), report("live-edge", 6_000)), Set.of("live-fresh", "live-stale", "live-edge"),
        9_000, 3_000);
    assertEquals(List.of("live-fresh", "live-edge"),
        fresh.stream().map(r -> r.datanodeUuid).collect(Collectors.toList()));
  }

  @Test
  void historyRemembersDoneMovesForTheCooldownAndFailedTargetsForTheBackoff() {
    var history = PlanInputs.history(List.of(move(1, State.DONE, 100), move(2, State.FAILED, 200)));
    assertEquals(100, history.lastMove(1).get().atMs());
    assertEquals(200, history.lastFailureAtMs("b").getAsLong());
    assertEquals(false, history.lastFailureAtMs("a").isPresent());
  }
}
