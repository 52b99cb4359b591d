package io.tandem.migrate.load;

/**
 * How often a monitor re-reads the whole site's reports. Each read of the table costs one getData per DataNode, and
 * every DataNode reads it, so a site of N DataNodes refreshing every P seconds costs ZooKeeper N² / P reads a second:
 * 100 000 a second for 1 000 DataNodes at 10 s. The period therefore grows with the site, to keep the whole site
 * under {@link #SITE_READS_PER_SEC}, and never drops below the report interval: P = max(interval, N² / budget).
 * At 1 000 DataNodes that is 200 s; up to 223 DataNodes it is the report interval itself (10 s). A monitor's own
 * share stays current regardless, since its own report in the table is always the fresh one; what ages is the rest
 * of the site, whose sum moves slowly on a large site.
 */
final class TableRefresh {
  /** Site-wide budget of report reads per second, all monitors together: a few percent of one ZooKeeper server. */
  static final double SITE_READS_PER_SEC = 5_000;

  private TableRefresh() {
  }

  /** The refresh period for a site of {@code siteSize} DataNodes reporting every {@code reportIntervalMs}. */
  static long periodMs(int siteSize, long reportIntervalMs) {
    double budgetMs = 1000.0 * siteSize * siteSize / SITE_READS_PER_SEC;
    return Math.max(reportIntervalMs, (long) Math.ceil(budgetMs));
  }

  /** The same period in whole report intervals (at least 1): a monitor refreshes every that many reports. */
  static int periodReports(int siteSize, long reportIntervalMs) {
    long period = periodMs(siteSize, reportIntervalMs);
    return (int) Math.min(Integer.MAX_VALUE, (period + reportIntervalMs - 1) / reportIntervalMs);
  }
}
