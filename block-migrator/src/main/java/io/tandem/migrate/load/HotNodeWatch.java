package io.tandem.migrate.load;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.migrate.plan.HotTracker;
import io.tandem.migrate.plan.LoadModel;
import io.tandem.migrate.plan.NodeLoad;
import io.tandem.migrate.plan.PlannerSettings;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the site's DataNodes are hot now, by the same reports, scores and sustain rule as the planner, read once
 * per report interval: for placing new blocks away from them. Reports older than a few intervals (a DataNode whose
 * monitor stalled) are left out. {@link #hotNodes} is safe from any thread.
 */
public final class HotNodeWatch implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HotNodeWatch.class);
  /**
   * A report this many intervals old (and at least {@link #STALE_AFTER_MIN_MS}) no longer describes its DataNode: its
   * monitor stalled. A DataNode that died loses its report sooner, with its ZooKeeper session.
   */
  static final int STALE_AFTER_INTERVALS = 4;
  static final long STALE_AFTER_MIN_MS = 30_000;

  /** Lifecycle. */
  private enum State { LATENT, STARTED, CLOSED }

  private final SiteLoadReader reader;
  private final LoadModel model;
  private final long intervalMs;
  private final LongSupplier clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tandem-hot-node-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile HotTracker tracker;
  private volatile Set<String> hot = Collections.emptySet();

  public HotNodeWatch(CuratorFramework zk, ZnodePaths paths, PlannerSettings settings, long intervalMs,
      LongSupplier clock) {
    this.reader = new SiteLoadReader(zk, paths.loads(), new RecordStore<>(zk, LoadReport.class, new JsonCodec()));
    this.model = LoadModel.of(settings);
    this.tracker = HotTracker.start(settings);
    this.intervalMs = intervalMs;
    this.clock = clock;
  }

  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("hot node watch cannot start: it is " + state.get());
    }
    timer.scheduleWithFixedDelay(this::poll, 0, intervalMs, TimeUnit.MILLISECONDS);
  }

  /** One round: read the reports, score them, and let the sustain rule decide who is hot. */
  void poll() {
    if (state.get() != State.STARTED) {
      return;
    }
    try {
      long now = clock.getAsLong();
      List<NodeLoad> fresh = new ArrayList<>();
      for (LoadReport r : reader.readAll()) {
        if (r.datanodeUuid != null && now - r.atMs <= Math.max(STALE_AFTER_INTERVALS * intervalMs, STALE_AFTER_MIN_MS)) {
          try {
            fresh.add(NodeLoad.fromReport(r, LoadTable.NO_RACK));
          } catch (IllegalArgumentException e) {
            LOG.debug("load report of {} left out: {}", r.datanodeUuid, e.getMessage());
          }
        }
      }
      HotTracker next = tracker.observe(model.score(fresh));
      Set<String> nowHot = next.hotNodes();
      if (!nowHot.equals(hot)) {
        LOG.info("Hot DataNodes now {} (were {}): new blocks go elsewhere while others can take them", nowHot, hot);
      }
      tracker = next;
      hot = nowHot;
    } catch (Exception e) {
      LOG.warn("Could not read the site's load reports; the hot DataNodes stay as they were: {}", e.toString());
    }
  }

  /** The hot DataNodes by uuid; empty before the first reports. */
  public Set<String> hotNodes() {
    return hot;
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.STARTED) {
      timer.shutdownNow();
    }
  }
}
