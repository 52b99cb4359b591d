package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scenario of the migration bench measured. */
final class ScenarioResult {
  /** Tandem's migration counters over the read load (its own count of what it moved). */
  static final class Moves {
    final long done;
    final long failed;
    final long restarts;
    final long bytes;

    Moves(long done, long failed, long restarts, long bytes) {
      this.done = done;
      this.failed = failed;
      this.restarts = restarts;
      this.bytes = bytes;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("moves_done", done);
      m.put("moves_failed", failed);
      m.put("restarts", restarts);
      m.put("bytes_moved", bytes);
      return m;
    }
  }

  final MigrateScenario scenario;
  final int misplacedAtStart;
  final Map<String, Long> diskBytesAtStart;
  final ReadStats reads;
  final String firstReadFailure;
  final HotNodeSummary hot;
  /** Replica bytes on DataNodes that did not hold their block when the load started. */
  final long bytesMoved;
  /** Tandem's counters; null where migration was paused. */
  final Moves tandem;
  /** The Balancer's runs' exit statuses; null where it did not run. */
  final List<String> balancerRuns;
  final String balancerFailure;
  final int balancerThreshold;

  ScenarioResult(MigrateScenario scenario, HotDataSet data, ReadStats reads, String firstReadFailure,
      HotNodeSummary hot, long bytesMoved, Moves tandem, List<String> balancerRuns, String balancerFailure,
      int balancerThreshold) {
    this.scenario = scenario;
    this.misplacedAtStart = data.misplaced;
    this.diskBytesAtStart = data.placement.bytesByDataNode();
    this.reads = reads;
    this.firstReadFailure = firstReadFailure;
    this.hot = hot;
    this.bytesMoved = bytesMoved;
    this.tandem = tandem;
    this.balancerRuns = balancerRuns;
    this.balancerFailure = balancerFailure;
    this.balancerThreshold = balancerThreshold;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", scenario.description);
    m.put("blocks_not_where_written_at_start", misplacedAtStart);
    m.put("disk_bytes_by_datanode_at_start", diskBytesAtStart);
    m.put("reads", reads.json());
    m.put("first_failed_read", firstReadFailure);
    m.put("hot_datanode_load", hot.json());
    m.put("bytes_moved", bytesMoved);
    if (tandem != null) {
      m.put("tandem_migration", tandem.json());
    }
    if (balancerRuns != null) {
      m.put("balancer", BalancerLoop.json(balancerRuns, balancerFailure, balancerThreshold));
    }
    return m;
  }
}
