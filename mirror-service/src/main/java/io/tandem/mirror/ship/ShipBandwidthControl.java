package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.BandwidthSchedule;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.ShipBandwidth;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.mirror.throttle.AdaptiveRate;
import io.tandem.mirror.throttle.RateLimiter;
import io.tandem.mirror.throttle.ScheduledRate;
import java.io.Closeable;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the one shipping {@link RateLimiter} at the configured cap and schedule, or at the bandwidth set at run time
 * in ZooKeeper when there is one: checked every second, so a change reaches a ship in progress within about a
 * second (the limiter wakes its waiting callers at once).
 */
final class ShipBandwidthControl implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ShipBandwidthControl.class);

  private final RateLimiter limiter = new RateLimiter(0);
  private final TandemConfig config;
  private final RecordStore<ShipBandwidth> store;
  private final String path;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private ScheduledRate current;
  private int appliedVersion = Integer.MIN_VALUE;

  ShipBandwidthControl(TandemConfig config, CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Clock clock,
      ScheduledExecutorService executor) {
    this.config = config;
    this.store = new RecordStore<>(zk, ShipBandwidth.class, codec);
    this.path = paths.shipBandwidth();
    this.clock = clock;
    this.executor = executor;
  }

  RateLimiter limiter() {
    return limiter;
  }

  void start() {
    check();
    executor.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
  }

  /** The cap now in effect, in Mbit/s (0 for none), for status. */
  synchronized double capMbps() {
    return current == null ? 0 : current.capMbps();
  }

  /**
   * Applies the cap set at run time if it changed; every second on the rate thread, and before each ship starts, so
   * a ship asked for right after {@code tandem snapshot bandwidth} starts at the new cap.
   */
  synchronized void check() {
    Optional<Versioned<ShipBandwidth>> set;
    try {
      set = store.read(path);
    } catch (Exception e) {
      if (current == null) {
        apply(config.shipBandwidthSchedule().orElse(BandwidthSchedule.empty()), config.shipBandwidthMbps(), "configured");
      }
      LOG.debug("shipping bandwidth set at run time not readable: {}", e.toString());
      return;
    }
    int version = set.map(v -> v.version()).orElse(-1);
    if (version == appliedVersion && current != null) {
      return;
    }
    appliedVersion = version;
    if (set.isEmpty()) {
      apply(config.shipBandwidthSchedule().orElse(BandwidthSchedule.empty()), config.shipBandwidthMbps(), "configured");
      return;
    }
    ShipBandwidth b = set.get().value();
    try {
      BandwidthSchedule schedule = b.schedule == null ? BandwidthSchedule.empty() : BandwidthSchedule.parse(b.schedule);
      apply(schedule, b.mbps, "set at run time by " + b.by);
    } catch (RuntimeException e) {
      LOG.warn("Shipping bandwidth set at run time is not valid ({}); keeping the rate in effect", e.getMessage());
    }
  }

  private void apply(BandwidthSchedule schedule, double mbps, String source) {
    if (current != null) {
      current.close();
    }
    current = new ScheduledRate(limiter, schedule, mbps, clock, AdaptiveRate.disabled());
    current.start(executor);
    LOG.info("Shipping bandwidth {}: {} where the schedule says nothing, schedule {}", source,
        mbps == 0 ? "no cap" : mbps + " Mbit/s", schedule.isEmpty() ? "none" : schedule);
  }

  @Override
  public synchronized void close() {
    if (current != null) {
      current.close();
    }
  }
}
