package io.tandem.bench;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.load.LoadTable;
import io.tandem.migrate.load.SiteLoadReader;
import io.tandem.migrate.plan.HotRule;
import io.tandem.migrate.plan.HotTracker;
import io.tandem.migrate.plan.LoadModel;
import io.tandem.migrate.plan.PlannerSettings;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;

/**
 * The hot DataNode's load by Tandem's own measure while the readers read: every new load report of it, scored
 * against the site's latest reports with the planner's {@link LoadModel} (score: site mean 1; share: its fraction of
 * the site's load), judged against the hot line (score above {@code 1 + threshold} times the mean) and counted hot or
 * not by the planner's own {@link HotTracker} (hot after {@code tandem.migrate.sustain.reports} reports in a row above
 * the line, cooled by a report at or under the cool line). The same judgement runs in every scenario, migration paused
 * or not. The leader's verdict is sampled too where migration runs.
 */
final class HotNodeTrace implements Closeable {
  /** One report of the hot DataNode. */
  static final class Sample {
    final long atMs;
    final double score;
    final double share;
    /** This report alone is above the hot line. */
    final boolean aboveLine;
    /** The planner's rule counts the DataNode hot after this report. */
    final boolean counted;

    Sample(long atMs, double score, double share, boolean aboveLine, boolean counted) {
      this.atMs = atMs;
      this.score = score;
      this.share = share;
      this.aboveLine = aboveLine;
      this.counted = counted;
    }
  }

  private final String hotUuid;
  private final long loadStartMs;
  private final MigrationComponent migration;
  private final SiteLoadReader reader;
  private final LoadModel model;
  private final HotRule rule;
  private final int sustainReports;
  private HotTracker tracker;
  private final long minReportAgeMs;
  private final List<Sample> samples = new ArrayList<>();
  private final Periodic poller;
  private long lastReportAtMs;
  private long leaderHotFromMs = -1;
  private long leaderHotUntilMs = -1;

  /**
   * @param migration the leader's component, sampled for its hot DataNodes; null where it is not of interest
   */
  HotNodeTrace(MigrateSite site, String hotUuid, long loadStartMs, MigrationComponent migration) throws Exception {
    TandemConfig config = site.config();
    PlannerSettings settings = PlannerSettings.builder(config.migrate()).build();
    this.hotUuid = hotUuid;
    this.loadStartMs = loadStartMs;
    this.migration = migration;
    this.model = LoadModel.of(settings);
    this.rule = settings.hotRule();
    this.tracker = HotTracker.start(settings);
    this.sustainReports = settings.sustainReports();
    long pollMs = Math.max(50, config.migrate().reportIntervalMs() / 4);
    this.minReportAgeMs = pollMs;
    CuratorFramework zk = site.zooKeeper();
    this.reader = new SiteLoadReader(zk, site.paths().loads(), new RecordStore<>(zk, LoadReport.class, new JsonCodec()));
    this.poller = new Periodic("bench-hot-node-trace", pollMs, this::poll).start();
  }

  private void poll() throws Exception {
    long now = System.currentTimeMillis();
    if (migration != null && migration.hotNodes().contains(hotUuid)) {
      leaderHotFromMs = leaderHotFromMs < 0 ? now - loadStartMs : leaderHotFromMs;
      leaderHotUntilMs = now - loadStartMs;
    }
    List<LoadReport> reports = reader.readAll();
    LoadReport own = reports.stream().filter(r -> hotUuid.equals(r.datanodeUuid)).findFirst().orElse(null);
    // A report describes the interval before it: the first one that ends after the readers started counts.
    if (own == null || own.atMs <= lastReportAtMs || own.atMs - loadStartMs < minReportAgeMs) {
      return;
    }
    lastReportAtMs = own.atMs;
    LoadTable table = LoadTable.of(own, reports, model, now);
    double score = table.score(hotUuid);
    tracker = tracker.observe(table.scores());
    synchronized (samples) {
      samples.add(new Sample(own.atMs - loadStartMs, score, table.share(hotUuid),
          rule.isHotReport(score, table.scores().mean()), tracker.hotNodes().contains(hotUuid)));
    }
  }

  /** Stops sampling and sums the samples up. */
  HotNodeSummary stop() throws InterruptedException {
    poller.stop();
    synchronized (samples) {
      return new HotNodeSummary(samples, rule, sustainReports, leaderHotFromMs, leaderHotUntilMs,
          migration == null ? -1 : System.currentTimeMillis() - loadStartMs);
    }
  }

  /** Stops sampling, if {@link #stop} did not. */
  @Override
  public void close() {
    try {
      poller.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
