package io.tandem.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command line of {@link MigrateBench}; every option has a default sized for a 2-core machine. */
final class MigrateBenchOptions {
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: bench/run --migrate [options]",
      "  --runs LIST            what to run, in this order: any of nothing, considerload, balancer, tandem, append",
      "                         (default all five)",
      "  --datanodes N          DataNodes, 3 to 12 (default 5); the first is the hot one",
      "  --hot-blocks N         hot blocks (1 MiB files), each with one replica on the hot DataNode and one on",
      "                         another; cold blocks even out every DataNode's disk usage (default 24)",
      "  --read-rate MIBPS      the readers' schedule in MiB/s: one hot block read is due every 1/rate s and is timed",
      "                         from then (default 40); 0 reads back to back, each timed from open to close",
      "  --readers N            reader threads taking the due reads (default 32)",
      "  --duration DUR         how long the read load runs in each scenario, e.g. 60s (default 40s)",
      "  --dn-read-mbps N       each DataNode's read throttle (dfs.datanode.data.read.bandwidthPerSec) in megabits",
      "                         per second: stands for its disks and network on this one machine; 0 for none",
      "                         (default 160)",
      "  --report-interval-ms MS  tandem.load.report.interval.ms: how often DataNodes report their load and the",
      "                         leader runs a migration round (default 500)",
      "  --threshold F          tandem.migrate.threshold: hot above (1 + F) x the mean load (default 0.25)",
      "  --balancer-threshold P the Balancer's -threshold in percent of disk utilisation, 1 to 100 (default 10)",
      "  --append-duration DUR  how long each half of the append phase runs (default 80s), in --append-rounds",
      "                         slices taken in turn: without moves, with moves, without, ...",
      "  --append-rounds N      slices per half (default 8)",
      "  --append-files N       files appended to, round robin, in each half (default 4)",
      "  --append-size BYTES    bytes per append (default 4KiB)",
      "  --append-moves N       moves of the appended files' blocks kept under way in the second half (default 6)",
      "  --base-dir DIR         where the clusters keep their data (default: a new directory under java.io.tmpdir)",
      "  --json FILE            also write the results as JSON to FILE");

  /** The read scenarios to run, in {@link MigrateScenario} order. */
  final List<MigrateScenario> scenarios;
  /** Whether the append phase runs (after the scenarios). */
  final boolean append;
  final int dataNodes;
  final int hotBlocks;
  final int readers;
  final double readRate;
  final Duration duration;
  final int dnReadMbps;
  final int reportIntervalMs;
  final double threshold;
  final int balancerThreshold;
  final Duration appendDuration;
  final int appendRounds;
  final int appendFiles;
  final int appendBytes;
  final int appendMoves;
  final File baseDir;
  /** Null when no JSON is wanted. */
  final File json;

  private MigrateBenchOptions(Builder b) {
    this.scenarios = List.copyOf(b.scenarios);
    this.append = b.append;
    this.dataNodes = b.dataNodes;
    this.hotBlocks = b.hotBlocks;
    this.readers = b.readers;
    this.readRate = b.readRate;
    this.duration = b.duration;
    this.dnReadMbps = b.dnReadMbps;
    this.reportIntervalMs = b.reportIntervalMs;
    this.threshold = b.threshold;
    this.balancerThreshold = b.balancerThreshold;
    this.appendDuration = b.appendDuration;
    this.appendRounds = b.appendRounds;
    this.appendFiles = b.appendFiles;
    this.appendBytes = b.appendBytes;
    this.appendMoves = b.appendMoves;
    this.baseDir = b.baseDir;
    this.json = b.json;
  }

  static MigrateBenchOptions parse(String[] args) {
    Builder b = new Builder();
    BenchOptions.eachOption(args, (option, v) -> {
      switch (option) {
        case "--runs":
          runs(b, option, v);
          break;
        case "--datanodes":
          b.dataNodes = BenchOptions.intIn(option, v, 3, 12);
          break;
        case "--hot-blocks":
          b.hotBlocks = BenchOptions.intIn(option, v, 1, 1000);
          break;
        case "--readers":
          b.readers = BenchOptions.intIn(option, v, 1, 64);
          break;
        case "--read-rate":
          b.readRate = BenchOptions.number(option, v, 0, 10_000);
          break;
        case "--duration":
          b.duration = positive(option, v);
          break;
        case "--dn-read-mbps":
          b.dnReadMbps = BenchOptions.intIn(option, v, 0, 100_000);
          break;
        case "--report-interval-ms":
          b.reportIntervalMs = BenchOptions.intIn(option, v, 100, 60_000);
          break;
        case "--threshold":
          b.threshold = BenchOptions.number(option, v, 0.01, 10);
          break;
        case "--balancer-threshold":
          b.balancerThreshold = BenchOptions.intIn(option, v, 1, 100);
          break;
        case "--append-duration":
          b.appendDuration = positive(option, v);
          break;
        case "--append-rounds":
          b.appendRounds = BenchOptions.intIn(option, v, 1, 100);
          break;
        case "--append-files":
          b.appendFiles = BenchOptions.intIn(option, v, 1, 100);
          break;
        case "--append-size":
          b.appendBytes = BenchOptions.bytes(option, v);
          break;
        case "--append-moves":
          b.appendMoves = BenchOptions.intIn(option, v, 1, 100);
          break;
        case "--base-dir":
          b.baseDir = new File(v);
          break;
        case "--json":
          b.json = new File(v);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    });
    return new MigrateBenchOptions(b);
  }

  private static void runs(Builder b, String option, String v) {
    Set<MigrateScenario> scenarios = EnumSet.noneOf(MigrateScenario.class);
    boolean append = false;
    for (String one : v.split(",")) {
      String name = one.trim().toLowerCase(Locale.ROOT);
      if (name.equals("append")) {
        append = true;
        continue;
      }
      MigrateScenario s = MigrateScenario.byKey(name);
      if (s == null) {
        throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected a list of nothing,"
            + " considerload, balancer, tandem, append");
      }
      scenarios.add(s);
    }
    b.scenarios = new ArrayList<>(scenarios);
    b.append = append;
  }

  private static Duration positive(String option, String v) {
    Duration d = BenchOptions.duration(option, v);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected a duration above 0");
    }
    return d;
  }

  /** Defaults, overwritten by the options given. */
  private static final class Builder {
    private List<MigrateScenario> scenarios = List.of(MigrateScenario.values());
    private boolean append = true;
    private int dataNodes = 5;
    private int hotBlocks = 24;
    private int readers = 32;
    private double readRate = 40;
    private Duration duration = Duration.ofSeconds(40);
    private int dnReadMbps = 160;
    private int reportIntervalMs = 500;
    private double threshold = 0.25;
    private int balancerThreshold = 10;
    private Duration appendDuration = Duration.ofSeconds(80);
    private int appendRounds = 8;
    private int appendFiles = 4;
    private int appendBytes = 4096;
    private int appendMoves = 6;
    private File baseDir = new File(System.getProperty("java.io.tmpdir"),
        "tandem-migrate-bench-" + ProcessHandle.current().pid());
    private File json;
  }
}
