package io.tandem.bench;

import java.io.File;
import java.time.Duration;
import java.util.Locale;

/** The command line of {@link ShipBench}; every option has a default sized for a 2-core machine. */
final class ShipBenchOptions {
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: bench/run --ship [options]",
      "  --plan-files N         files in the volume whose ship plan is timed (default 100000)",
      "  --plan-changed F       share of them changed before the timed ship (default 0.01)",
      "  --plan-create-budget DUR  longest time spent creating them (both sites at once), e.g. 180s; fewer files are",
      "                         used when it runs out (default 180s)",
      "  --create-threads N     threads creating those files (default 8)",
      "  --distcp-maps N        DistCp maps the local job runner runs at once (default 1: one stream, as Tandem)",
      "  --ship-timeout DUR     longest wait for one ship to be committed (default 300s)",
      "  --base-dir DIR         where the two clusters keep their data (default: a new directory under java.io.tmpdir)",
      "  --json FILE            also write the results as JSON to FILE");

  final int planFiles;
  final double planChanged;
  final Duration planCreateBudget;
  final int createThreads;
  final int distcpMaps;
  final Duration shipTimeout;
  final File baseDir;
  /** Null when no JSON is wanted. */
  final File json;

  private ShipBenchOptions(int planFiles, double planChanged, Duration planCreateBudget, int createThreads,
      int distcpMaps, Duration shipTimeout, File baseDir, File json) {
    this.planFiles = planFiles;
    this.planChanged = planChanged;
    this.planCreateBudget = planCreateBudget;
    this.createThreads = createThreads;
    this.distcpMaps = distcpMaps;
    this.shipTimeout = shipTimeout;
    this.baseDir = baseDir;
    this.json = json;
  }

  static ShipBenchOptions parse(String[] args) {
    int planFiles = 100_000;
    double planChanged = 0.01;
    Duration planCreateBudget = Duration.ofSeconds(180);
    int createThreads = 8;
    int distcpMaps = 1;
    Duration shipTimeout = Duration.ofSeconds(300);
    File baseDir = null;
    File json = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--plan-files":
          planFiles = positive(name, value);
          break;
        case "--plan-changed":
          planChanged = fraction(name, value);
          break;
        case "--plan-create-budget":
          planCreateBudget = seconds(name, value);
          break;
        case "--create-threads":
          createThreads = positive(name, value);
          break;
        case "--distcp-maps":
          distcpMaps = positive(name, value);
          break;
        case "--ship-timeout":
          shipTimeout = seconds(name, value);
          break;
        case "--base-dir":
          baseDir = new File(value);
          break;
        case "--json":
          json = new File(value);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (baseDir == null) {
      baseDir = new File(System.getProperty("java.io.tmpdir"), "tandem-ship-bench-" + System.nanoTime());
    }
    return new ShipBenchOptions(planFiles, planChanged, planCreateBudget, createThreads, distcpMaps, shipTimeout,
        baseDir, json);
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " " + value + ": not a positive integer");
  }

  private static double fraction(String name, String value) {
    try {
      double f = Double.parseDouble(value);
      if (f > 0 && f <= 1) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " " + value + ": not a fraction in (0, 1]");
  }

  /** A duration in seconds, written 90 or 90s. */
  private static Duration seconds(String name, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    try {
      long s = Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
      if (s > 0) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " " + value + ": not a number of seconds such as 180s");
  }
}
