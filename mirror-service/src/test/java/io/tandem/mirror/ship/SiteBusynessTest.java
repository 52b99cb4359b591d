package io.tandem.mirror.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.coord.record.LoadReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site's DataNode traffic as part of its ship offer's load score. */
class SiteBusynessTest {
  private static LoadReport report(String dn, long atMs, long readBps, long writeBps) {
    return new LoadReport(LoadReport.FORMAT, dn, 1, atMs, 2, readBps, writeBps, 0, 0, 0, "read-random", 1, List.of());
  }

  @Test
  void theMeanTrafficOfFreshReportsIn100MBPerSecondUnits() {
    long now = 1_000_000;
    List<LoadReport> reports = List.of(report("a", now - 1_000, 150_000_000, 50_000_000),
        report("b", now - 2_000, 0, 0), report("stale", now - SiteBusyness.FRESH_MS - 1, 900_000_000, 0));
    assertEquals(1.0, SiteBusyness.of(reports, now), 1e-9, "(200 + 0) MB/s over two fresh DataNodes = 1 unit");
  }

  @Test
  void noReportsWeighNothing() {
    assertEquals(0, SiteBusyness.of(List.of(), 5), 1e-9);
    assertEquals(0, SiteBusyness.of(List.of(report("old", 0, 1, 1)), SiteBusyness.FRESH_MS + 1), 1e-9);
  }
}
