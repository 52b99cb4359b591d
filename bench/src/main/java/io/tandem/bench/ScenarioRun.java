package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.move.MigrationCounters;
import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * One scenario of the migration bench on a site of its own: the data set written and placed, migration paused while
 * it is written, then the readers read for the scenario's duration while the scenario's remedy (if any) acts, the hot
 * DataNode's load is traced, and what moved is counted.
 */
final class ScenarioRun {
  private final MigrateBenchOptions options;
  private final PrintStream out;

  ScenarioRun(MigrateBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  ScenarioResult run(MigrateScenario s, File dir) throws Exception {
    out.printf("%s: %s%n  starting a site of %d DataNodes ...%n", s.label, s.description, options.dataNodes);
    try (MigrateSite site = MigrateSite.start(options, dir, s::configure)) {
      MigrationComponent migration = site.awaitReady();
      site.setMigrationPaused(true);
      DistributedFileSystem fs = site.fs();
      HotDataSet data = HotDataSet.write(fs, site.tandem().dfs().getDataNodes(), options.hotBlocks);
      out.printf(Locale.ROOT, "  %d hot and %d cold blocks written, %d not where written; settling ...%n",
          data.hotFiles.size(), data.coldFiles, data.misplaced);
      // The writes show in a report interval or two; the readers start on reports of an idle site.
      Thread.sleep(3L * options.reportIntervalMs);
      if (s.migrates()) {
        site.setMigrationPaused(false);
      }
      MigrationCounters counters = migration.counters();
      long done = counters.movesDone();
      long failed = counters.movesFailed();
      long restarts = counters.restarts();
      long bytes = counters.bytesMoved();

      out.printf(Locale.ROOT, "  %d readers, %s, for %d s ...%n", options.readers, options.readRate > 0
          ? String.format(Locale.ROOT, "%.0f MiB/s", options.readRate) : "back to back", options.duration.getSeconds());
      HotNodeTrace trace = new HotNodeTrace(site, data.hotUuid, System.currentTimeMillis(),
          s.migrates() ? migration : null);
      BalancerLoop balancer = null;
      HotNodeSummary hot;
      List<ReadLoad.Read> reads;
      ReadLoad load;
      try {
        load = new ReadLoad(fs, data.hotFiles).start(options.readers, TandemSite.BLOCK_SIZE, options.readRate);
        if (s == MigrateScenario.BALANCER) {
          balancer = new BalancerLoop(site.conf(), options.balancerThreshold).start();
        }
        Thread.sleep(options.duration.toMillis());
        reads = load.stop();
        hot = trace.stop();
      } finally {
        trace.close();
      }
      List<String> balancerRuns = balancer == null ? null : balancer.stop();
      ScenarioResult.Moves moves = s.migrates() ? new ScenarioResult.Moves(counters.movesDone() - done,
          counters.movesFailed() - failed, counters.restarts() - restarts, counters.bytesMoved() - bytes) : null;
      long moved = Placement.of(fs, HotDataSet.HOT, HotDataSet.COLD).bytesMovedSince(data.placement);
      ReadStats stats = ReadStats.of(reads, load.elapsedNanos(), load.failures(), data.hotUuid);
      out.printf(Locale.ROOT, "  %d reads (%.1f MiB/s), p50 %s, p99 %s; hot DataNode: %.0f%% of the load at the end,"
              + " %.0f%% of the bytes read; %s moved%n", stats.reads, stats.mibPerSec, Latencies.ms(stats.all.p50Ms),
          Latencies.ms(stats.all.p99Ms), 100 * hot.shareLastThird, 100 * stats.hotBytesShareEnd, Units.bytes(moved));
      return new ScenarioResult(s, data, stats, load.firstFailure(), hot, moved, moves, balancerRuns,
          balancer == null ? null : balancer.failure(), options.balancerThreshold);
    }
  }
}
