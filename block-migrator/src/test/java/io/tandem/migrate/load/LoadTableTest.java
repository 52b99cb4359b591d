package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.LoadReport;
import io.tandem.migrate.plan.LoadModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scores and shares by the planner's model, with this DataNode's own fresh report in place of the one read back. */
class LoadTableTest {
  private final LoadModel model = new LoadModel(0.5, 0.5);

  private static LoadReport report(String uuid, int xceivers, long bytesReadPerSec, long seq) {
    return new LoadReport(LoadReport.FORMAT, uuid, seq, seq * 1000, xceivers, xceivers, bytesReadPerSec, 0, 1, 0, 0,
        "read-random", 0, List.of());
  }

  @Test
  void sharesAreScoresOverTheirSumAndUseOwnFreshReport() {
    List<LoadReport> site = List.of(report("a", 1, 1_000, 1), report("b", 1, 1_000, 1), report("me", 0, 0, 1));
    LoadReport ownNow = report("me", 6, 6_000, 2);
    LoadTable t = LoadTable.of(ownNow, site, model, 777);
    assertEquals(3, t.size());
    assertEquals(2, t.report("me").get().sequence, "the fresh report replaces the one read back");
    assertEquals(777, t.siteReadAtMs());
    // xceivers 1,1,6 (mean 8/3) and throughput 1000,1000,6000 (mean 8000/3): me scores 6/(8/3) = 2.25
    assertEquals(2.25, t.ownScore(), 1e-9);
    assertEquals(0.375, t.score("a"), 1e-9);
    assertEquals(0.75, t.ownShare(), 1e-9);
    assertEquals(1.0, t.share("a") + t.share("b") + t.ownShare(), 1e-9);
    assertEquals(Optional.of("me"), t.busiest());
    assertEquals(0, t.score("unknown"));
  }

  @Test
  void anIdleSiteHasNoShares() {
    LoadTable t = LoadTable.of(report("me", 0, 0, 1), List.of(report("a", 0, 0, 1)), model, 1);
    assertEquals(0, t.ownScore());
    assertEquals(0, t.ownShare());
    assertFalse(t.busiest().isPresent());
  }

  @Test
  void aReportTheModelRefusesIsLeftOutAndNamed() {
    LoadReport broken = report("bad", -3, 10, 1);
    LoadTable t = LoadTable.of(report("me", 1, 100, 1), List.of(broken, report("a", 1, 100, 1)), model, 1);
    assertEquals(List.of("bad"), t.rejected());
    assertEquals(2, t.size());
    assertEquals(0.5, t.ownShare(), 1e-9);
  }

  @Test
  void theEmptyTableKnowsOnlyWhoItIs() {
    LoadTable t = LoadTable.empty("me", model);
    assertEquals("me", t.ownUuid());
    assertEquals(0, t.size());
    assertEquals(0, t.ownShare());
    assertTrue(t.reports().isEmpty());
  }
}
