package io.tandem.migrate.move;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationPlanRecord;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;

/**
 * A site's migration at a glance, from ZooKeeper alone (for {@code tandem status} and {@code tandem migrate
 * status}): moves in flight, done and failed in the routing table, bytes they moved, restarts, whether migration is
 * paused, the hot DataNodes of the leader's last plan and each DataNode's load as it last reported it. The routing
 * table keeps finished moves for the planner's cooldown (30 minutes), so done, failed, bytes and restarts count that
 * window.
 */
public final class MigrationSummary {
  /** Active moves listed one per line, at most. */
  static final int MAX_LISTED = 20;

  /** One DataNode's last load report. */
  public static final class NodeLoadLine {
    @JsonProperty("datanode") public final String datanodeUuid;
    @JsonProperty("score") public final double score;
    @JsonProperty("pattern") public final String pattern;
    @JsonProperty("hot") public final boolean hot;

    NodeLoadLine(String datanodeUuid, double score, String pattern, boolean hot) {
      this.datanodeUuid = datanodeUuid;
      this.score = score;
      this.pattern = pattern;
      this.hot = hot;
    }
  }

  @JsonProperty("paused") public final boolean paused;
  @JsonProperty("inFlight") public final int inFlight;
  @JsonProperty("done") public final int done;
  @JsonProperty("failed") public final int failed;
  @JsonProperty("restarts") public final long restarts;
  @JsonProperty("bytesMoved") public final long bytesMoved;
  @JsonProperty("active") public final List<String> active;
  @JsonProperty("load") public final List<NodeLoadLine> load;

  MigrationSummary(boolean paused, int inFlight, int done, int failed, long restarts, long bytesMoved,
      List<String> active, List<NodeLoadLine> load) {
    this.paused = paused;
    this.inFlight = inFlight;
    this.done = done;
    this.failed = failed;
    this.restarts = restarts;
    this.bytesMoved = bytesMoved;
    this.active = List.copyOf(active);
    this.load = List.copyOf(load);
  }

  /** Reads the routing table, the pause switch, the published plan and the load reports. */
  public static MigrationSummary read(CuratorFramework zk, ZnodePaths paths, JsonCodec codec) throws Exception {
    List<MigrationRecord> table = new ArrayList<>();
    new RoutingTable(zk, paths, codec).read().forEach(v -> table.add(v.value()));
    boolean paused = zk.checkExists().forPath(paths.migratePaused()) != null;
    Optional<MigrationPlanRecord> plan = new RecordStore<>(zk, MigrationPlanRecord.class, codec)
        .read(paths.migratePlan()).map(Versioned::value);
    List<LoadReport> reports = new ArrayList<>();
    new RecordStore<>(zk, LoadReport.class, codec).readChildren(paths.loads()).forEach(v -> reports.add(v.value()));
    return of(table, paused, plan.map(p -> (Collection<String>) p.hotNodes).orElse(List.of()), reports);
  }

  /** Pure: the summary of these records. */
  static MigrationSummary of(Collection<MigrationRecord> table, boolean paused, Collection<String> hot,
      Collection<LoadReport> reports) {
    int inFlight = 0;
    int done = 0;
    int failed = 0;
    long restarts = 0;
    long bytes = 0;
    List<String> active = new ArrayList<>();
    for (MigrationRecord r : table) {
      restarts += r.attempts;
      if (r.state == MigrationRecord.State.DONE) {
        done++;
        bytes += r.numBytes;
      } else if (r.state == MigrationRecord.State.FAILED) {
        failed++;
      } else {
        inFlight++;
        if (active.size() < MAX_LISTED) {
          active.add(r + (r.reason == null ? "" : ": " + r.reason));
        }
      }
    }
    Set<String> hotSet = new TreeSet<>(hot);
    List<NodeLoadLine> load = new ArrayList<>();
    for (LoadReport r : reports) {
      load.add(new NodeLoadLine(r.datanodeUuid, r.load, r.pattern, hotSet.contains(r.datanodeUuid)));
    }
    load.sort((a, b) -> a.datanodeUuid.compareTo(b.datanodeUuid));
    return new MigrationSummary(paused, inFlight, done, failed, restarts, bytes, active, load);
  }

  /** One line: {@code 2 in flight, 5 done (5.0 MiB), 1 restart, 0 failed}, with {@code paused; } first if so. */
  public String headline() {
    return (paused ? "paused; " : "") + inFlight + " in flight, " + done + " done (" + mib(bytesMoved) + "), "
        + restarts + " restart(s), " + failed + " failed";
  }

  /** A compact bar for a load score (mean 1): one mark per quarter of the mean, at most 20. */
  public static String bar(double score) {
    int marks = (int) Math.min(20, Math.round(Math.max(0, score) * 4));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      b.append(i < marks ? '#' : i == 4 ? '|' : '.');
    }
    return b.toString();
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
