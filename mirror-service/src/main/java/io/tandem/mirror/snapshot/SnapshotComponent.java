package io.tandem.mirror.snapshot;

import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.component.AgentContext;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.store.RecordStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled snapshots, hosted by the site agent: while this agent leads, every volume with
 * {@code tandem.volume.<v>.snapshot.interval} that is primary here (or has no peer) is made snapshottable and gets
 * a snapshot each interval, pruned to {@code snapshot.retain}. Only Tandem's own snapshots are ever pruned.
 */
public final class SnapshotComponent implements AgentComponent {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotComponent.class);
  private static final long TICK_MS = 1000;

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tandem-snapshots");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final java.util.Set<String> allowed = new java.util.HashSet<>();
  private volatile AgentContext context;
  private volatile DistributedFileSystem fs;
  private volatile ScheduledFuture<?> ticking;
  private volatile String summary = "idle (not leading)";

  @Override
  public String name() {
    return "snapshots";
  }

  @Override
  public void start(AgentContext ctx) {
    this.context = ctx;
  }

  private boolean anyScheduled() {
    for (VolumeSettings v : context.config().volumes().values()) {
      if (v.snapshotIntervalMs() > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void leadershipAcquired(FencingToken token) {
    thread.execute(() -> {
      if (!anyScheduled() || ticking != null) {
        return;
      }
      try {
        fs = (DistributedFileSystem) FileSystem.newInstance(FileSystem.getDefaultUri(context.hadoopConf()),
            context.hadoopConf());
      } catch (IOException e) {
        summary = "FAILED: cannot reach HDFS: " + e;
        LOG.error("Snapshot scheduling cannot reach HDFS", e);
        return;
      }
      ticking = thread.scheduleWithFixedDelay(() -> tick(token), 0, TICK_MS, TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void leadershipLost(String reason) {
    thread.execute(this::stopTicking);
  }

  private void stopTicking() {
    ScheduledFuture<?> t = ticking;
    ticking = null;
    if (t != null) {
      t.cancel(false);
    }
    if (fs != null) {
      try {
        fs.close();
      } catch (IOException e) {
        LOG.debug("closing snapshot filesystem: {}", e.toString());
      }
      fs = null;
    }
    summary = "idle (not leading)";
  }

  private void tick(FencingToken token) {
    if (!token.isCurrent()) {
      return;
    }
    RecordStore<VolumeRole> roles = new RecordStore<>(context.zk(), VolumeRole.class, context.codec());
    for (VolumeSettings v : context.config().volumes().values()) {
      if (v.snapshotIntervalMs() <= 0) {
        continue;
      }
      try {
        if (v.replicated()) {
          Optional<VolumeRole> role = roles.read(context.paths().volumeRole(v.name())).map(x -> x.value());
          boolean primary = role.map(r -> r.role == VolumeRole.Role.PRIMARY)
              .orElse(context.config().siteId().equals(v.primary()));
          if (!primary) {
            // Shipped snapshots arrive here; the same retention keeps them from piling up (the newest, the base
            // of the next ship, is always kept, and so are those shipped on from here).
            List<String> pruned = new VolumeSnapshots(fs, v.path(), context.config().siteId())
                .prune(v.snapshotRetain(), shipping(v));
            lines.put(v.name(), "replica here: snapshots arrive from the primary"
                + (pruned.isEmpty() ? "" : "; pruned " + pruned.size()));
            continue;
          }
        }
        VolumeSnapshots snapshots = new VolumeSnapshots(fs, v.path(), context.config().siteId());
        if (allowed.add(v.name())) {
          snapshots.allow();
        }
        java.time.Instant now = context.clock().instant();
        java.util.List<String> existing = snapshots.list();
        if (SnapshotSchedule.due(v.snapshotIntervalMs(), existing, now)) {
          snapshots.take(now);
        }
        snapshots.prune(v.snapshotRetain(), shipping(v));
        java.util.List<String> kept = snapshots.list();
        lines.put(v.name(), kept.size() + " snapshot(s), newest " + (kept.isEmpty() ? "none" : kept.get(kept.size() - 1)));
      } catch (IOException | RuntimeException e) {
        lines.put(v.name(), "FAILED: " + e.getMessage());
        LOG.warn("Snapshots of volume {} failed: {}", v.name(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        lines.put(v.name(), "FAILED: " + e);
      }
    }
    StringBuilder b = new StringBuilder();
    lines.forEach((v, line) -> b.append(b.length() == 0 ? "" : "; ").append(v).append(": ").append(line));
    summary = b.toString();
  }

  /**
   * The snapshots the ships of the volume from here need (to the peer and to each onward site): the one in flight
   * and its base, or the last one shipped.
   */
  private java.util.Set<String> shipping(VolumeSettings v) throws Exception {
    java.util.List<String> records = new java.util.ArrayList<>();
    if (v.peer() != null) {
      records.add(context.paths().volumeShip(v.name()));
    }
    v.onward().forEach(site -> records.add(context.paths().volumeOnwardShip(v.name(), site)));
    java.util.Set<String> keep = new java.util.HashSet<>();
    RecordStore<ShipRecord> store = new RecordStore<>(context.zk(), ShipRecord.class, context.codec());
    for (String path : records) {
      store.read(path).ifPresent(r -> {
        keep.add(r.value().snapshot);
        if (r.value().base != null) {
          keep.add(r.value().base);
        }
      });
    }
    return keep;
  }

  @Override
  public String statusLine() {
    return summary;
  }

  @Override
  public void close() {
    thread.execute(this::stopTicking);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
