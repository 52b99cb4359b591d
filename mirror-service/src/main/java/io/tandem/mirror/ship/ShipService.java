package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.record.ShipRequest;
import io.tandem.coord.retry.Backoff;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.MirrorTransport;
import io.tandem.mirror.send.RetryingSender;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.io.Closeable;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot shipping for one term of leadership. Every second, for each volume with a peer that is primary here, it
 * ships, in this order of precedence: a ship left SHIPPING (resumed from its record), a ship asked for by hand
 * ({@code tandem snapshot ship}), or, with {@code tandem.volume.<v>.ship=true}, the newest snapshot when it is not on
 * the peer yet. Ships run one at a time on one thread through one bandwidth limiter; a failed attempt (link down,
 * HDFS error) is retried with backoff and resumes from the record.
 */
public final class ShipService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ShipService.class);

  private enum Lifecycle { LATENT, RUNNING, CLOSED }

  /** What the service needs per volume: how to reach the peer for it. */
  public interface Transports {
    MirrorTransport forVolume(VolumeSettings volume);
  }

  private final DistributedFileSystem fs;
  private final TandemConfig config;
  private final FencingToken token;
  private final ZnodePaths paths;
  private final Clock clock;
  private final Predicate<String> primaryHere;
  private final ToLongFunction<String> epochs;
  private final Transports transports;
  private final ShipProgressStore records;
  private final RecordStore<ShipRequest> requests;
  private final ScheduledExecutorService shipThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tandem-ship"));
  private final java.util.concurrent.ExecutorService readThread =
      Executors.newSingleThreadExecutor(r -> daemon(r, "tandem-ship-read"));
  private final ScheduledExecutorService rateThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tandem-ship-rate"));
  private final ShipBandwidthControl bandwidth;
  private final Backoff backoff = new Backoff(500, 30_000);
  private final Map<String, ShipStats> stats = new ConcurrentHashMap<>();
  private final Map<String, int[]> failures = new ConcurrentHashMap<>();
  private final Map<String, Long> nextAttemptMs = new ConcurrentHashMap<>();
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

  public ShipService(DistributedFileSystem fs, TandemConfig config, CuratorFramework zk, ZnodePaths paths,
      JsonCodec codec, FencingToken token, Clock clock, Predicate<String> primaryHere, ToLongFunction<String> epochs,
      Transports transports) {
    this.fs = fs;
    this.config = config;
    this.token = token;
    this.paths = paths;
    this.clock = clock;
    this.primaryHere = primaryHere;
    this.epochs = epochs;
    this.transports = transports;
    this.records = new ShipProgressStore(zk, paths, codec, token);
    this.requests = new RecordStore<>(zk, ShipRequest.class, codec);
    config.volumes().values().stream().filter(v -> v.peer() != null).forEach(v -> statsOf(v.name()));
    this.bandwidth = new ShipBandwidthControl(config, zk, paths, codec, clock.withZone(ZoneId.systemDefault()), rateThread);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** True when some volume could be shipped from this site (it has a peer). */
  public static boolean hasWork(TandemConfig config) {
    return config.volumes().values().stream().anyMatch(v -> v.peer() != null);
  }

  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.RUNNING)) {
      throw new IllegalStateException("ship service is " + lifecycle.get());
    }
    bandwidth.start();
    shipThread.scheduleWithFixedDelay(this::tick, 200, 1000, TimeUnit.MILLISECONDS);
  }

  /** The counters of each volume shipped in this term. */
  public Map<String, ShipStats> stats() {
    return new LinkedHashMap<>(stats);
  }

  /** The shipping cap in effect, in Mbit/s; 0 for none. */
  public double capMbps() {
    return bandwidth.capMbps();
  }

  private void tick() {
    for (VolumeSettings v : config.volumes().values()) {
      if (lifecycle.get() != Lifecycle.RUNNING || !token.isCurrent() || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (v.peer() == null || !primaryHere.test(v.name())) {
        continue;
      }
      try {
        shipIfDue(v);
      } catch (InterruptedException | java.io.InterruptedIOException e) {
        Thread.currentThread().interrupt();
        return; // closing: the record says where to resume
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        ShipStats s = statsOf(v.name());
        s.lastError.set(e.toString());
        int attempt = failures.computeIfAbsent(v.name(), k -> new int[1])[0]++;
        long delay = backoff.delayMs(attempt);
        nextAttemptMs.put(v.name(), clock.millis() + delay);
        LOG.warn("Volume {}: ship attempt failed ({}); resuming from its record in {} ms", v.name(), e.toString(), delay);
      }
    }
  }

  private ShipStats statsOf(String volume) {
    return stats.computeIfAbsent(volume, k -> new ShipStats());
  }

  private void shipIfDue(VolumeSettings v) throws Exception {
    if (clock.millis() < nextAttemptMs.getOrDefault(v.name(), 0L)) {
      return;
    }
    MirrorTransport transport = transports.forVolume(v);
    if (!transport.accepting()) {
      return; // the link is not up: nothing is lost by waiting
    }
    Optional<ShipRecord> record = records.read(v.name());
    Optional<Versioned<ShipRequest>> request = requests.read(paths.volumeShipRequest(v.name()));
    String snapshot = null;
    boolean rollback = v.onTargetChanged() == VolumeSettings.TargetChangedPolicy.ROLLBACK;
    if (record.isPresent() && record.get().state == ShipRecord.State.SHIPPING) {
      snapshot = record.get().snapshot;
      rollback |= request.map(r -> r.value().force && r.value().snapshot.equals(record.get().snapshot)).orElse(false);
    } else if (request.isPresent()) {
      snapshot = request.get().value().snapshot;
      rollback |= request.get().value().force;
    } else if (v.ship()) {
      List<String> local = new VolumeSnapshots(fs, v.path(), config.siteId()).list();
      String newest = local.isEmpty() ? null : local.get(local.size() - 1);
      boolean handled = record.isPresent() && record.get().snapshot.equals(newest);
      if (newest != null && !handled) {
        snapshot = newest;
      }
    }
    if (snapshot == null) {
      return;
    }
    ShipStats s = statsOf(v.name());
    RetryingSender sender = new RetryingSender(transport, () -> epochs.applyAsLong(v.name()), s.requests, backoff,
        Thread::sleep);
    VolumeShip ship = new VolumeShip(fs, v.path(), new ShipTarget(v.name(), v.remotePath()), sender,
        new FileCopy(fs, new ShipTarget(v.name(), v.remotePath()), sender, bandwidth.limiter(), s, clock::millis,
            readThread),
        records, new PortionLimits(config.shipPortionSteps(), config.shipPortionBytes()), s, clock,
        epochs.applyAsLong(v.name()));
    try {
      ShipRecord done = ship.ship(snapshot, rollback);
      s.progress.set(done.progressLine());
      s.lastError.set(null);
    } catch (ShipRefusedException e) {
      s.progress.set(snapshot + " REFUSED: " + e.getMessage());
      LOG.warn("Volume {}: ship of {} refused: {}; differences: {}", v.name(), snapshot, e.getMessage(),
          e.differences().size() > 20 ? e.differences().subList(0, 20) + " ..." : e.differences());
    } catch (LinkUnavailableException e) {
      s.lastError.set(e.getMessage());
      return; // resumes when the link is back
    }
    failures.remove(v.name());
    nextAttemptMs.remove(v.name());
    if (request.isPresent() && request.get().value().snapshot.equals(snapshot)) {
      requests.delete(paths.volumeShipRequest(v.name()), request.get().version(), token);
    }
  }

  /** One line per volume shipped in this term, for status. */
  public Map<String, String> details(long nowMs) {
    Map<String, String> out = new LinkedHashMap<>();
    stats.forEach((v, s) -> {
      if (!config.volumes().get(v).ship() && s.progress().equals("idle") && s.lastError() == null) {
        return; // never shipped in this term and not shipped on schedule: nothing to say
      }
      out.put("ship." + v, s.progress() + String.format(" [%.2f MB/s now, %d bytes sent%s]",
          s.bytesPerSecond(nowMs) / 1e6, s.bytesSent(), s.lastError() == null ? "" : ", last error: " + s.lastError()));
    });
    return out;
  }

  @Override
  public void close() {
    if (lifecycle.getAndSet(Lifecycle.CLOSED) == Lifecycle.CLOSED) {
      return;
    }
    shipThread.shutdownNow();
    readThread.shutdownNow();
    bandwidth.close();
    rateThread.shutdownNow();
    try {
      if (!shipThread.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("The ship thread did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
