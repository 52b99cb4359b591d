package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.record.ShipRequest;
import io.tandem.coord.record.VolumeRole;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot shipping for one term of leadership. Every second, for each route this site ships (volume and
 * destination, see {@link ShipRoute}: from the primary to the peer and to onward sites, from a replica to its onward
 * sites), it ships, in this order of precedence: a ship left SHIPPING (resumed from its record), a ship asked for by
 * hand ({@code tandem snapshot ship}), or the newest snapshot when it is not at the destination yet (on the peer's
 * route with {@code tandem.volume.<v>.ship=true}; on onward routes from a replica always, from the primary with
 * {@code ship=true}). Ships run one at a time on one thread through one bandwidth limiter; a failed attempt (link
 * down, HDFS error) is retried with backoff and resumes from the record; a ship the destination grants to another
 * source waits and asks again.
 */
public final class ShipService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ShipService.class);
  /** When a destination mid-ship of a snapshot this site does not hold is asked again. */
  private static final long MISSING_SNAPSHOT_RETRY_MS = 10_000;

  private enum Lifecycle { LATENT, RUNNING, CLOSED }

  /** How to reach a destination for a volume's ships. */
  public interface Transports {
    /** The transport, or null when this site has no link to {@code site} (no address for it). */
    MirrorTransport to(String site, VolumeSettings volume);
  }

  private final DistributedFileSystem fs;
  private final TandemConfig config;
  private final CuratorFramework zk;
  private final JsonCodec codec;
  private final FencingToken token;
  private final ZnodePaths paths;
  private final Clock clock;
  private final Function<String, VolumeRole.Role> roles;
  private final ToLongFunction<String> epochs;
  private final Transports transports;
  private final RecordStore<ShipRequest> requests;
  private final ScheduledExecutorService shipThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tandem-ship"));
  private final java.util.concurrent.ExecutorService modifiedCopies = Executors.newFixedThreadPool(
      FileCopy.MODIFIED_IN_FLIGHT, r -> daemon(r, "tandem-ship-copy"));
  private final java.util.concurrent.ExecutorService readThread =
      Executors.newSingleThreadExecutor(r -> daemon(r, "tandem-ship-read"));
  private final ScheduledExecutorService rateThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tandem-ship-rate"));
  private final ShipBandwidthControl bandwidth;
  private final SiteBusyness busyness;
  /** DataNode traffic counts in the load score up to this many waiting ships' worth. */
  static final double MAX_BUSYNESS = 1000;
  private final Backoff backoff = new Backoff(500, 30_000);
  private final Map<String, ShipStats> stats = new ConcurrentHashMap<>();
  private final Map<String, int[]> failures = new ConcurrentHashMap<>();
  private final Map<String, Long> nextAttemptMs = new ConcurrentHashMap<>();
  /** Routes with a snapshot to ship that is not at its destination yet: this site's shipping load. */
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

  /** @param roles a volume's role here, or null when it has none (yet) */
  public ShipService(DistributedFileSystem fs, TandemConfig config, CuratorFramework zk, ZnodePaths paths,
      JsonCodec codec, FencingToken token, Clock clock, Function<String, VolumeRole.Role> roles,
      ToLongFunction<String> epochs, Transports transports) {
    this.fs = fs;
    this.config = config;
    this.zk = zk;
    this.codec = codec;
    this.token = token;
    this.paths = paths;
    this.clock = clock;
    this.roles = roles;
    this.epochs = epochs;
    this.transports = transports;
    this.requests = new RecordStore<>(zk, ShipRequest.class, codec);
    routes().forEach(r -> statsOf(r.key()));
    this.bandwidth = new ShipBandwidthControl(config, zk, paths, codec, clock.withZone(ZoneId.systemDefault()), rateThread);
    this.busyness = new SiteBusyness(new RecordStore<>(zk, LoadReport.class, codec), paths.loads());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** True when some volume could be shipped from this site (it has a peer or onward sites). */
  public static boolean hasWork(TandemConfig config) {
    return config.volumes().values().stream().anyMatch(v -> v.peer() != null || !v.onward().isEmpty());
  }

  /** The destinations this site ships to in this term, for the links it needs. */
  public static Set<String> destinations(TandemConfig config, Function<String, VolumeRole.Role> roles) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (VolumeSettings v : config.volumes().values()) {
      ShipRoute.of(v, roles.apply(v.name())).forEach(r -> out.add(r.destination()));
    }
    return out;
  }

  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.RUNNING)) {
      throw new IllegalStateException("ship service is " + lifecycle.get());
    }
    bandwidth.start();
    shipThread.scheduleWithFixedDelay(this::tick, 200, 1000, TimeUnit.MILLISECONDS);
  }

  /** The counters of each route shipped in this term, by {@link ShipRoute#key()}. */
  public Map<String, ShipStats> stats() {
    return new LinkedHashMap<>(stats);
  }

  /** The shipping cap in effect, in Mbit/s; 0 for none. */
  public double capMbps() {
    return bandwidth.capMbps();
  }

  private List<ShipRoute> routes() {
    List<ShipRoute> out = new ArrayList<>();
    for (VolumeSettings v : config.volumes().values()) {
      out.addAll(ShipRoute.of(v, roles.apply(v.name())));
    }
    return out;
  }

  /**
   * A ship asked for by hand ({@code tandem snapshot ship}) starts at once instead of at the next tick: each tick
   * leaves this one watch on every route's request znode (ZooKeeper keeps one watch per watcher and path), and a
   * request written there runs a tick now.
   */
  private final org.apache.zookeeper.Watcher requestWatch = event -> {
    if (lifecycle.get() == Lifecycle.RUNNING && event.getType() != org.apache.zookeeper.Watcher.Event.EventType.None) {
      try {
        shipThread.execute(this::tick);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closing: nothing to start
      }
    }
  };

  private void tick() {
    for (ShipRoute route : routes()) {
      if (lifecycle.get() != Lifecycle.RUNNING || !token.isCurrent() || Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        zk.checkExists().usingWatcher(requestWatch).forPath(route.requestPath(paths));
        shipIfDue(route);
      } catch (InterruptedException | java.io.InterruptedIOException e) {
        Thread.currentThread().interrupt();
        return; // closing: the record says where to resume
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        ShipStats s = statsOf(route.key());
        s.lastError.set(e.toString());
        int attempt = failures.computeIfAbsent(route.key(), k -> new int[1])[0]++;
        long delay = backoff.delayMs(attempt);
        nextAttemptMs.put(route.key(), clock.millis() + delay);
        LOG.warn("Volume {}: ship attempt to {} failed ({}); resuming from its record in {} ms", route.volume().name(),
            route.destination(), e.toString(), delay);
      }
    }
  }

  private ShipStats statsOf(String key) {
    return stats.computeIfAbsent(key, k -> new ShipStats());
  }

  /**
   * This site's load score for a claim, lower is better placed: the other routes it has a snapshot waiting to ship
   * on, plus one where it is the volume's primary (which takes the volume's writes and ships to its peer first: a
   * replica that holds the snapshot spares it), plus how busy its DataNodes are ({@link SiteBusyness}, at most
   * {@value #MAX_BUSYNESS}).
   */
  private double score(ShipRoute route) {
    long others = pending.stream().filter(k -> !k.equals(route.key())).count();
    double busy;
    try {
      busy = Math.min(MAX_BUSYNESS, busyness.score(clock.millis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the offer goes out without it, and the ship stops anyway
      busy = 0;
    }
    return others + (roles.apply(route.volume().name()) == VolumeRole.Role.PRIMARY ? 1 : 0) + busy;
  }

  private void shipIfDue(ShipRoute route) throws Exception {
    String key = route.key();
    if (clock.millis() < nextAttemptMs.getOrDefault(key, 0L)) {
      return;
    }
    VolumeSettings v = route.volume();
    MirrorTransport transport = transports.to(route.destination(), v);
    if (transport == null || !transport.accepting()) {
      return; // the link is not up: nothing is lost by waiting, and no claim is made through it
    }
    ShipProgressStore records = new ShipProgressStore(zk, codec, token, route.recordPath(paths));
    Optional<ShipRecord> record = records.read();
    Optional<Versioned<ShipRequest>> request = requests.read(route.requestPath(paths));
    String snapshot = null;
    boolean rollback = v.onTargetChanged() == VolumeSettings.TargetChangedPolicy.ROLLBACK;
    // Resync: the first ship of a role term to the peer, which held the volume as primary before the swap and may
    // have written to it since the last common snapshot. Those writes are kept in a snapshot on the peer, undone,
    // and the new primary's deltas applied: that is what a role change asks for, not a refusal.
    long epoch = epochs.applyAsLong(v.name());
    boolean resync = route.toPeer()
        && record.map(r -> r.epoch < epoch).orElse(epoch > VolumeRole.FIRST_EPOCH);
    boolean automatic = v.ship() || !route.toPeer() && roles.apply(v.name()) == VolumeRole.Role.REPLICA;
    List<String> local = new VolumeSnapshots(fs, v.path(), config.siteId()).list();
    if (record.isPresent() && record.get().state == ShipRecord.State.SHIPPING) {
      snapshot = record.get().snapshot;
      rollback |= request.map(r -> r.value().force && r.value().snapshot.equals(record.get().snapshot)).orElse(false);
    } else if (request.isPresent()) {
      snapshot = request.get().value().snapshot;
      rollback |= request.get().value().force;
    } else if (automatic) {
      String newest = local.isEmpty() ? null : local.get(local.size() - 1);
      boolean handled = record.isPresent() && record.get().snapshot.equals(newest);
      if (newest != null && !handled) {
        snapshot = newest;
      }
    }
    if (snapshot == null) {
      pending.remove(key);
      return;
    }
    pending.add(key);
    ShipStats s = statsOf(key);
    String shipping = snapshot;
    while (true) {
      try {
        ship(route, transport, records, s, shipping, (rollback || resync) && shipping.equals(snapshot), resync);
        break;
      } catch (ShipDeferredException.FinishFirst f) {
        if (!shipping.equals(snapshot) || !local.contains(f.snapshot())) {
          defer(route, s, shipping, f.getMessage() + (local.contains(f.snapshot()) ? ""
              : ", and this site does not hold it"), MISSING_SNAPSHOT_RETRY_MS);
          return;
        }
        LOG.info("Volume {}: {} is mid-ship of {}; shipping that first", v.name(), route.destination(), f.snapshot());
        shipping = f.snapshot();
      } catch (ShipDeferredException d) {
        defer(route, s, shipping, d.getMessage(), d.retryMs());
        return;
      } catch (ShipClaimLostException e) {
        LOG.info("Volume {}: the ship of {} to {} stopped: {}", v.name(), shipping, route.destination(),
            e.getMessage());
        defer(route, s, shipping, e.getMessage(), 1000);
        return;
      } catch (LinkUnavailableException e) {
        s.lastError.set(e.getMessage());
        return; // resumes when the link is back
      }
    }
    if (!shipping.equals(snapshot)) {
      return; // the snapshot asked for follows at the next tick
    }
    pending.remove(key);
    failures.remove(key);
    nextAttemptMs.remove(key);
    if (request.isPresent() && request.get().value().snapshot.equals(snapshot)) {
      requests.delete(route.requestPath(paths), request.get().version(), token);
    }
  }

  /** Ships one snapshot on the route; a refusal (the destination changed, or holds newer) is logged and recorded. */
  /** @param resync the rollback, if any, is the resync after a role change (named so) */
  private void ship(ShipRoute route, MirrorTransport transport, ShipProgressStore records, ShipStats s,
      String snapshot, boolean rollback, boolean resync) throws Exception {
    bandwidth.check();
    VolumeSettings v = route.volume();
    ShipTarget target = ShipTarget.of(route);
    LongSupplier epoch = () -> epochs.applyAsLong(v.name());
    RetryingSender sender = new RetryingSender(new ClaimedTransport(transport, route.destination()), epoch,
        s.requests, backoff, Thread::sleep);
    VolumeShip ship = new VolumeShip(fs, v.path(), target, config.siteId(),
        new ShipClaimer(transport, target, epoch, () -> score(route)), sender,
        new FileCopy(fs, target, sender, bandwidth.limiter(), s, clock::millis, readThread,
            modifiedCopies),
        records, new PortionLimits(config.shipPortionSteps(), config.shipPortionBytes()), s, clock,
        epochs.applyAsLong(v.name()));
    try {
      ShipRecord done = ship.ship(snapshot, rollback, resync);
      s.progress.set(done.progressLine());
      s.lastError.set(null);
    } catch (ShipRefusedException e) {
      s.progress.set(snapshot + " REFUSED: " + e.getMessage());
      LOG.warn("Volume {}: ship of {} to {} refused: {}{}", v.name(), snapshot, route.destination(), e.getMessage(),
          e.differences().isEmpty() ? "" : "; differences: " + (e.differences().size() > 20
              ? e.differences().subList(0, 20) + " ..." : e.differences()));
    }
  }

  private void defer(ShipRoute route, ShipStats s, String snapshot, String why, long retryMs) {
    s.progress.set(snapshot + " WAITING: " + why);
    nextAttemptMs.put(route.key(), clock.millis() + Math.max(retryMs, 100));
    LOG.debug("Volume {}: the ship of {} to {} waits {} ms: {}", route.volume().name(), snapshot, route.destination(),
        retryMs, why);
  }

  /** One line per route shipped in this term ({@code ship.<v>} to the peer, {@code ship.<v>-><site>}), for status. */
  public Map<String, String> details(long nowMs) {
    Map<String, String> out = new LinkedHashMap<>();
    stats.forEach((key, s) -> {
      boolean onward = key.contains("->");
      String volume = onward ? key.substring(0, key.indexOf("->")) : key;
      if (!onward && !config.volumes().get(volume).ship() && s.progress().equals("idle") && s.lastError() == null) {
        return; // never shipped in this term and not shipped on schedule: nothing to say
      }
      out.put("ship." + key, s.progress() + String.format(" [%.2f MB/s now, %d bytes sent%s]",
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
    modifiedCopies.shutdownNow();
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
