package io.tandem.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.BiConsumer;

/** The command line of {@link MirrorBench}; every option has a default sized for a 2-core machine. */
final class BenchOptions {
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: bench/run [options]",
      "  --datanodes N          DataNodes per site, 1 to 3 (default 1)",
      "  --small-files N        files of --small-size in the data set (default 200)",
      "  --small-size BYTES     e.g. 1MiB (default 1MiB)",
      "  --large-files N        files of --large-size in the data set (default 8)",
      "  --large-size BYTES     e.g. 16MiB (default 16MiB)",
      "  --paced-fractions F,.. steady phases, each at this fraction of the measured ceiling; the first is held to",
      "                         the lag target (default 0.5,0.25)",
      "  --paced-rates R,..     steady phases at these rates in MiB/s instead",
      "  --rounds N             graded throughput rounds, each the ceiling then at once the unpaced phase; the",
      "                         median of their ratios is graded (default 5)",
      "  --warm-up-rounds N     untimed rounds like the graded ones before them, until the JIT has settled (a round",
      "                         that compiled for under 3% of its time) or N rounds (default 2; 0: none)",
      "  --plain-copy BOOL      each round also copies D by a plain HDFS client as it is written: the reference",
      "                         of what any mirror costs on this machine (default true)",
      "  --append-fraction F    share of the data set's files appended to in the incremental phase (default 0.1)",
      "  --append-size BYTES    bytes appended to each of them (default 256KiB)",
      "  --distcp-maps N        DistCp maps the local job runner runs at once (default 1: one stream, as Tandem)",
      "  --sync-rounds N        rounds of the sync write latency phase (default 200)",
      "  --close-retry-ms MS    HDFS clients' first wait before retrying a file's completion, on both sites",
      "                         (dfs.client.block.write.locateFollowingBlock.initial.delay.ms; default 10, HDFS's is 400)",
      "  --poll-ms MS           how often site-b is polled for arrivals (default 20)",
      "  --set KEY=VALUE        sets a Hadoop or tandem.* key on both sites (repeatable), e.g. to bench a tuning:",
      "                         --set tandem.mirror.edit-log.interval.ms=100",
      "  --phase-timeout DUR    longest wait for site-b to catch up in one phase, e.g. 180s (default 180s)",
      "  --base-dir DIR         where the two clusters keep their data (default: a new directory under java.io.tmpdir)",
      "  --json FILE            also write the results as JSON to FILE");

  final int dataNodes;
  final int smallFiles;
  final int smallBytes;
  final int largeFiles;
  final int largeBytes;
  /** Steady phases as fractions of the ceiling; unused when {@link #pacedRatesMiBps} is not empty. */
  final List<Double> pacedFractions;
  /** Steady phases at these rates in MiB/s; empty when they follow from the ceiling. */
  final List<Double> pacedRatesMiBps;
  final int throughputRounds;
  final int warmUpRounds;
  final boolean plainCopy;
  final double appendFraction;
  final int appendBytes;
  final int distcpMaps;
  final int syncRounds;
  final int closeRetryMs;
  final long pollMs;
  final Duration phaseTimeout;
  /** Keys set on both sites after the bench's own, in the order given. */
  final Map<String, String> siteSettings;
  final File baseDir;
  /** Null when no JSON is wanted. */
  final File json;

  private BenchOptions(Builder b) {
    this.dataNodes = b.dataNodes;
    this.smallFiles = b.smallFiles;
    this.smallBytes = b.smallBytes;
    this.largeFiles = b.largeFiles;
    this.largeBytes = b.largeBytes;
    this.pacedFractions = List.copyOf(b.pacedFractions);
    this.pacedRatesMiBps = List.copyOf(b.pacedRatesMiBps);
    this.throughputRounds = b.throughputRounds;
    this.warmUpRounds = b.warmUpRounds;
    this.plainCopy = b.plainCopy;
    this.appendFraction = b.appendFraction;
    this.appendBytes = b.appendBytes;
    this.distcpMaps = b.distcpMaps;
    this.syncRounds = b.syncRounds;
    this.closeRetryMs = b.closeRetryMs;
    this.pollMs = b.pollMs;
    this.phaseTimeout = b.phaseTimeout;
    this.siteSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.siteSettings));
    this.baseDir = b.baseDir;
    this.json = b.json;
  }

  static BenchOptions parse(String[] args) {
    Builder b = new Builder();
    eachOption(args, (option, v) -> {
      switch (option) {
        case "--datanodes":
          b.dataNodes = intIn(option, v, 1, 3);
          break;
        case "--small-files":
          b.smallFiles = intIn(option, v, 0, 100_000);
          break;
        case "--small-size":
          b.smallBytes = bytes(option, v);
          break;
        case "--large-files":
          b.largeFiles = intIn(option, v, 0, 10_000);
          break;
        case "--large-size":
          b.largeBytes = bytes(option, v);
          break;
        case "--paced-fractions":
          b.pacedFractions = numbers(option, v, 0.01, 10);
          break;
        case "--paced-rates":
          b.pacedRatesMiBps = numbers(option, v, 0.01, 100_000);
          break;
        case "--append-fraction":
          b.appendFraction = number(option, v, 0.0, 1.0);
          break;
        case "--append-size":
          b.appendBytes = bytes(option, v);
          break;
        case "--distcp-maps":
          b.distcpMaps = intIn(option, v, 1, 64);
          break;
        case "--rounds":
          b.throughputRounds = intIn(option, v, 1, 20);
          break;
        case "--warm-up-rounds":
          b.warmUpRounds = intIn(option, v, 0, 20);
          break;
        case "--plain-copy":
          b.plainCopy = bool(option, v);
          break;
        case "--sync-rounds":
          b.syncRounds = intIn(option, v, 1, 100_000);
          break;
        case "--close-retry-ms":
          b.closeRetryMs = intIn(option, v, 1, 60_000);
          break;
        case "--poll-ms":
          b.pollMs = intIn(option, v, 1, 10_000);
          break;
        case "--phase-timeout":
          b.phaseTimeout = duration(option, v);
          break;
        case "--set": {
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--set needs KEY=VALUE, not '" + v + "'");
          }
          b.siteSettings.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
          break;
        }
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
    if (b.smallFiles + b.largeFiles == 0) {
      throw new IllegalArgumentException("the data set is empty: --small-files and --large-files are both 0");
    }
    return new BenchOptions(b);
  }

  /** Hands each {@code --option value} pair of the command line to {@code handler}, in order. */
  static void eachOption(String[] args, BiConsumer<String, String> handler) {
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      handler.accept(args[i], args[i + 1]);
    }
  }

  static boolean bool(String option, String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(option + " takes true or false, not '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  static int intIn(String option, String v, int min, int max) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected an integer from " + min + " to " + max);
  }

  private static List<Double> numbers(String option, String v, double min, double max) {
    List<Double> out = new ArrayList<>();
    for (String one : v.split(",")) {
      out.add(number(option, one, min, max));
    }
    return out;
  }

  static double number(String option, String v, double min, double max) {
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected a number from " + min + " to " + max);
  }

  /** Bytes with an optional unit: 512, 64KiB, 1MiB, 16MiB (KB and MB are read as KiB and MiB). */
  static int bytes(String option, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {{"kib", "1024"}, {"kb", "1024"}, {"k", "1024"}, {"mib", "1048576"}, {"mb", "1048576"},
        {"m", "1048576"}, {"b", "1"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(s) * unit;
      if (n >= 1 && n <= 256L * 1024 * 1024) {
        return (int) n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected a size from 1 byte to 256MiB,"
        + " e.g. 1MiB");
  }

  static Duration duration(String option, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + "=\"" + v + "\" is not valid: expected a duration such as 180s or 3m");
    }
  }

  /** Defaults, overwritten by the options given. */
  private static final class Builder {
    private int dataNodes = 1;
    private int smallFiles = 200;
    private int smallBytes = 1024 * 1024;
    private int largeFiles = 8;
    private int largeBytes = 16 * 1024 * 1024;
    private List<Double> pacedFractions = List.of(0.5, 0.25);
    private List<Double> pacedRatesMiBps = List.of();
    private double appendFraction = 0.1;
    private int appendBytes = 256 * 1024;
    private int syncRounds = 200;
    private int distcpMaps = 1;
    private int closeRetryMs = 10;
    private long pollMs = 20;
    private Duration phaseTimeout = Duration.ofSeconds(180);
    private final Map<String, String> siteSettings = new LinkedHashMap<>();
    private int throughputRounds = 5;
    private boolean plainCopy = true;
    private int warmUpRounds = 2;
    private File baseDir = new File(System.getProperty("java.io.tmpdir"), "tandem-bench-" + ProcessHandle.current().pid());
    private File json;
  }
}
