package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The site-wide read budget: refresh periods grow with the square of the site. */
class TableRefreshTest {
  @Test
  void smallSitesRefreshEveryReport() {
    assertEquals(10_000, TableRefresh.periodMs(5, 10_000));
    assertEquals(10_000, TableRefresh.periodMs(223, 10_000));
    assertEquals(1, TableRefresh.periodReports(5, 500));
    assertEquals(1, TableRefresh.periodReports(0, 500));
  }

  @Test
  void aThousandDataNodesRefreshEvery200SecondsWithinTheBudget() {
    long periodMs = TableRefresh.periodMs(1_000, 10_000);
    assertEquals(200_000, periodMs);
    assertEquals(20, TableRefresh.periodReports(1_000, 10_000));
    double siteReadsPerSec = 1_000.0 * 1_000 / (periodMs / 1000.0);
    assertEquals(TableRefresh.SITE_READS_PER_SEC, siteReadsPerSec, 1e-9);
  }

  @Test
  void periodsRoundUpToWholeReports() {
    assertEquals(12_500, TableRefresh.periodMs(250, 10_000));
    assertEquals(2, TableRefresh.periodReports(250, 10_000));
  }
}
