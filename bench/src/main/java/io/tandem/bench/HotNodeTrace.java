package io.tandem.bench;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.load.LoadTable;
import io.tandem.migrate.load.SiteLoadReader;
import io.tandem.migrate.plan.HotRule;
import io.tandem.migrate.plan.LoadModel;
import io.tandem.migrate.plan.PlannerSettings;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;

/**
 * The hot DataNode's load by Tandem's own measure while the readers read: every new load report of it, scored
 * against the site's latest reports with the planner's {@link LoadModel} (score: site mean 1; share: its fraction of
 * the site's load) and judged against the hot line (score above {@code 1 + threshold} times the mean). The leader's
 * own verdict (the DataNodes it counts hot, after its sustain rule) is sampled too when migration can run.
 */
final class HotNodeTrace implements Closeable {
  /** One report of the hot DataNode. */
  static final class Sample {
    final long atMs;
    final double score;
    final double share;
    final boolean hot;

    Sample(long atMs, double score, double share, boolean hot) {
      this.atMs = atMs;
      this.score = score;
      this.share = share;
      this.hot = hot;
    }
  }

  private final String hotUuid;
  private final long loadStartMs;
  private final MigrationComponent migration;
  private final SiteLoadReader reader;
  private final LoadModel model;
  private final HotRule rule;
  private final int window;
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
    this.window = settings.sustainReports();
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
    synchronized (samples) {
      samples.add(new Sample(own.atMs - loadStartMs, score, table.share(hotUuid),
          rule.isHotReport(score, table.scores().mean())));
    }
  }

  /** Stops sampling and sums the samples up. */
  HotNodeSummary stop() throws InterruptedException {
    poller.stop();
    synchronized (samples) {
      return new HotNodeSummary(samples, rule.hotLine(1), window, leaderHotFromMs, leaderHotUntilMs,
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
