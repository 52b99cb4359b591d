package io.tandem.migrate.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.MigrationRecord.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationSummaryTest {
  private static MigrationRecord move(long block, State state, int attempts) {
    return new MigrationRecord(MigrationRecord.FORMAT, "BP-1", block, 1, "a", "b", state, attempts, 1, 0, "why",
        1024 * 1024);
  }

  private static LoadReport report(String dn, double score) {
    return new LoadReport(LoadReport.FORMAT, dn, 1, 0, 1, 0, 0, 0, 0, 0, "idle", score, List.of());
  }

  @Test
  void countsMovesBytesAndRestartsOfTheRoutingTable() {
    MigrationSummary m = MigrationSummary.of(List.of(move(1, State.DONE, 2), move(2, State.DONE, 0),
        move(3, State.COPYING, 1), move(4, State.FAILED, 4)), false, List.of("dn-b"),
        List.of(report("dn-b", 2.5), report("dn-a", 0.5)));
    assertEquals(1, m.inFlight);
    assertEquals(2, m.done);
    assertEquals(1, m.failed);
    assertEquals(7, m.restarts);
    assertEquals(2 * 1024 * 1024, m.bytesMoved);
    assertEquals("1 in flight, 2 done (2.0 MiB), 7 restart(s), 1 failed", m.headline());
    assertEquals(1, m.active.size());
    assertTrue(m.active.get(0).contains("COPYING"), m.active.toString());
    assertEquals("dn-a", m.load.get(0).datanodeUuid);
    assertTrue(m.load.get(1).hot);
  }

  @Test
  void pausedComesFirst() {
    assertTrue(MigrationSummary.of(List.of(), true, List.of(), List.of()).headline().startsWith("paused; "));
  }

  @Test
  void aBarMarksAQuarterOfTheMeanPerCharacterWithTheMeanShown() {
    assertEquals("....|...............", MigrationSummary.bar(0));
    assertEquals("####|...............", MigrationSummary.bar(1));
    assertEquals("##########..........", MigrationSummary.bar(2.5));
    assertEquals("####################", MigrationSummary.bar(40));
  }
}
