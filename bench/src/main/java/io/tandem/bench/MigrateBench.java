package io.tandem.bench;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The block migration benchmark: one skewed read load (readers re-reading blocks that all have a replica on one
 * DataNode, the hot one) met in turn by nothing, by HDFS's read-side {@code dfs.namenode.read.considerLoad}, by the
 * HDFS Balancer and by Tandem's load-triggered migration, each on a fresh site with the same placement: the hot
 * DataNode's share of the load, read latency and throughput, bytes moved, and how long Tandem takes to bring the hot
 * DataNode under the hot line. Then the append phase: append latency with and without moves under way.
 */
public final class MigrateBench {
  private final MigrateBenchOptions options;
  private final PrintStream out;

  MigrateBench(MigrateBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    BenchMain.main("migrate bench", MigrateBenchOptions.USAGE, args,
        a -> new MigrateBench(MigrateBenchOptions.parse(a), System.out)::run);
  }

  int run() throws Exception {
    long start = System.nanoTime();
    out.printf(Locale.ROOT, "Tandem migrate bench: %d cores, %d DataNodes, 1 MiB blocks, a fresh site per scenario"
        + " under %s%n", Runtime.getRuntime().availableProcessors(), options.dataNodes, options.baseDir);
    List<ScenarioResult> results = new ArrayList<>();
    ScenarioRun scenarioRun = new ScenarioRun(options, out);
    for (MigrateScenario s : options.scenarios) {
      results.add(scenarioRun.run(s, new File(options.baseDir, s.label)));
    }
    AppendResult append = options.append ? new AppendPhase(options, out).run(new File(options.baseDir, "append"))
        : null;
    MigrateBenchResults r = new MigrateBenchResults(options, results, append, Units.seconds(System.nanoTime() - start));
    r.print(out);
    JsonFile.writeIfAsked(r.json(), options.json, out);
    out.flush();
    return r.clean() ? 0 : 1;
  }
}
