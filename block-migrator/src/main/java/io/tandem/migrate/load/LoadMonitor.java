package io.tandem.migrate.load;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.MigrateSettings;
import io.tandem.coord.member.EphemeralMember;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.migrate.load.trace.TraceSubscription;
import io.tandem.migrate.plan.LoadModel;
import java.io.Closeable;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataNode's load monitor: every {@code tandem.load.report.interval.ms} it samples its DataNode, publishes the
 * result as its ephemeral report at {@code /<site>/load/<uuid>}, and scores itself against the site's reports, which
 * it re-reads on the {@link TableRefresh} schedule. The latest {@link LoadTable} is an immutable snapshot, read
 * without locks by status, metrics and (later) placement.
 *
 * <p>Lifecycle as Curator's recipes: {@link #start} once, {@link #close} once; the report vanishes on close (or
 * when the process dies, with its ZooKeeper session). Work runs on the monitor's own daemon thread; a failing
 * sample or read is logged once and retried at the next interval, never thrown to the caller. The first report is
 * published at once (idle: its window is empty); the following ones start after a random part of an interval, so
 * DataNodes started together do not write to ZooKeeper in step.
 */
public final class LoadMonitor implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadMonitor.class);

  /** Lifecycle. */
  public enum State { LATENT, STARTED, CLOSED }

  private final String datanodeUuid;
  private final long intervalMs;
  private final LoadModel model;
  private final LoadSampler sampler;
  private final TraceSubscription hotBlockFeed;
  private final Clock clock;
  private final EphemeralMember<LoadReport> member;
  private final SiteLoadReader site;
  private final ScheduledExecutorService thread;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final ProblemLatch failures;
  private final ProblemLatch siteReadProblems;
  private final ProblemLatch hotBlockProblems;
  private volatile LoadTable table;
  private long sequence;
  private boolean published;
  private List<LoadReport> siteReports = List.of();
  private long siteReadAtMs;
  private int reportsUntilRefresh;

  /**
   * @param hotBlockFeed the subscription feeding the sampler's hot-block counter; closed with the monitor
   */
  public LoadMonitor(CuratorFramework zk, ZnodePaths paths, String datanodeUuid, MigrateSettings settings,
      LoadSampler sampler, TraceSubscription hotBlockFeed, Clock clock) {
    this.datanodeUuid = datanodeUuid;
    this.intervalMs = settings.reportIntervalMs();
    this.model = new LoadModel(settings.serverWeight(), settings.storageWeight());
    this.sampler = sampler;
    this.hotBlockFeed = hotBlockFeed;
    this.clock = clock;
    JsonCodec codec = new JsonCodec();
    this.member = new EphemeralMember<>(zk, paths.load(datanodeUuid), emptyReport(), codec);
    this.site = new SiteLoadReader(zk, paths.loads(), new RecordStore<>(zk, LoadReport.class, codec));
    this.table = LoadTable.empty(datanodeUuid, model);
    this.failures = new ProblemLatch(LOG, "Tandem load monitor of DataNode " + datanodeUuid);
    this.siteReadProblems = new ProblemLatch(LOG, "Tandem load monitor of DataNode " + datanodeUuid);
    this.hotBlockProblems = new ProblemLatch(LOG, "Tandem load monitor of DataNode " + datanodeUuid
        + " counts no hot blocks");
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-load-monitor");
      t.setDaemon(true);
      return t;
    });
  }

  private LoadReport emptyReport() {
    return new LoadReport(LoadReport.FORMAT, datanodeUuid, 0, clock.millis(), 0, 0, 0, 0, 0, 0, 0,
        TrafficPattern.IDLE.code(), 0, List.of());
  }

  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("load monitor of " + datanodeUuid + " cannot start: it is " + state.get());
    }
    thread.execute(this::report);
    long firstDelay = intervalMs / 2 + ThreadLocalRandom.current().nextLong(intervalMs);
    thread.scheduleWithFixedDelay(this::report, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
    long gaugeMs = gaugeReadingMs(intervalMs);
    thread.scheduleWithFixedDelay(this::observeGauges, gaugeMs, gaugeMs, TimeUnit.MILLISECONDS);
    LOG.info("Tandem load monitor of DataNode {} started: a report every {} ms at {}, {}", datanodeUuid, intervalMs,
        member.path(), model);
  }

  /** Ten gauge readings a report, at most 20 a second. */
  static long gaugeReadingMs(long intervalMs) {
    return Math.max(50, intervalMs / 10);
  }

  private void observeGauges() {
    if (state.get() != State.STARTED) {
      return;
    }
    try {
      sampler.observeGauges();
    } catch (RuntimeException e) {
      failures.update("reading the transfer gauges failed: " + e);
    }
  }

  /** One round: sample, score against the site, publish. */
  private void report() {
    if (state.get() != State.STARTED) {
      return;
    }
    try {
      LocalLoad load = sampler.sample(clock.millis());
      hotBlockFeed.refresh();
      hotBlockProblems.update(hotBlockFeed.problem());
      refreshSiteIfDue();
      LoadReport unscored = LoadReports.of(datanodeUuid, ++sequence, load, 0);
      LoadTable scored = LoadTable.of(unscored, siteReports, model, siteReadAtMs);
      LoadReport report = LoadReports.withScore(unscored, scored.ownScore());
      member.update(report);
      if (!published) {
        member.start();
        published = true;
      }
      table = scored.withOwnReport(report);
      failures.update(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failures.update("report " + sequence + " failed, retrying in " + intervalMs + " ms: " + e);
    }
  }

  /**
   * Re-reads the site's reports when the refresh schedule says so. A failed read keeps the previous table's reports
   * and is retried at the next report; this DataNode's own report goes out regardless.
   */
  private void refreshSiteIfDue() throws InterruptedException {
    if (reportsUntilRefresh-- > 0) {
      return;
    }
    try {
      List<LoadReport> read = site.readAll();
      siteReports = read;
      siteReadAtMs = clock.millis();
      reportsUntilRefresh = TableRefresh.periodReports(read.size(), intervalMs) - 1;
      siteReadProblems.update(null);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      reportsUntilRefresh = 0;
      siteReadProblems.update("the site's load reports could not be read; the table keeps "
          + (siteReadAtMs == 0 ? "only this DataNode" : "the reports read at " + siteReadAtMs + " ms") + ": " + e);
    }
  }

  /** The latest snapshot of the site's load; empty until the first report. */
  public LoadTable table() {
    return table;
  }

  public State state() {
    return state.get();
  }

  public String datanodeUuid() {
    return datanodeUuid;
  }

  /** The path of this DataNode's report. */
  public String reportPath() {
    return member.path();
  }

  /** The last failure to report or to read the site's reports, or null when both went well last time. */
  public String lastError() {
    String reporting = failures.current();
    return reporting != null ? reporting : siteReadProblems.current();
  }

  /** Why no hot blocks are counted, or null when they are. */
  public String hotBlockProblem() {
    return hotBlockFeed.problem();
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      member.close();
      hotBlockFeed.close();
      LOG.info("Tandem load monitor of DataNode {} stopped after {} reports", datanodeUuid, sequence);
    }
  }
}
