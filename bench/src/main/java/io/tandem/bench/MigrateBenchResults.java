package io.tandem.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The migration bench's results: the scenario table with ratios against doing nothing, the append phase, JSON. */
final class MigrateBenchResults {
  private final MigrateBenchOptions options;
  private final List<ScenarioResult> scenarios;
  private final AppendResult append;
  private final double totalSeconds;

  MigrateBenchResults(MigrateBenchOptions options, List<ScenarioResult> scenarios, AppendResult append,
      double totalSeconds) {
    this.options = options;
    this.scenarios = List.copyOf(scenarios);
    this.append = append;
    this.totalSeconds = totalSeconds;
  }

  void print(PrintStream out) {
    out.println();
    if (!scenarios.isEmpty()) {
      printScenarios(out);
    }
    if (append != null) {
      printAppend(out);
    }
    out.printf(Locale.ROOT, "%nbench took %.0f s%n", totalSeconds);
  }

  private void printScenarios(PrintStream out) {
    out.printf(Locale.ROOT, "Results: the same skewed read load in each scenario (%s by %d readers, %d hot blocks each"
            + " with a replica on the hot DataNode, %d s, %d DataNodes%s)%n", options.readRate > 0
            ? String.format(Locale.ROOT, "%.0f MiB/s due", options.readRate) : "back to back", options.readers,
        options.hotBlocks, options.duration.getSeconds(), options.dataNodes, options.dnReadMbps > 0
            ? String.format(Locale.ROOT, " each throttled to %d Mbit/s of reads", options.dnReadMbps) : "");
    out.printf(Locale.ROOT, "Hot DataNode's share of the load by Tandem's load reports (an even share is %.0f%%; the"
        + " hot line is %.2fx the mean, a share of %.0f%%) and of the bytes the readers read; when it stopped being hot"
        + " for good by the planner's rule (%d reports in a row above the hot line make it hot, one at or under %.3fx"
        + " the mean cools it), applied to the same reports in every scenario:%n", 100.0 / options.dataNodes,
        1 + options.threshold, 100 * (1 + options.threshold) / options.dataNodes, sustainReports(), coolLine());
    out.printf(Locale.ROOT, "  %-13s %15s %10s %19s %19s %7s %9s  %s%n", "scenario", "load share", "bytes read",
        "read p50 / p99", "last 3rd p50 / p99", "MiB/s", "moved", "not hot for good");
    out.printf(Locale.ROOT, "  %-13s %15s %10s%n", "", "1st -> last 3rd", "last 3rd");
    for (ScenarioResult r : scenarios) {
      out.printf(Locale.ROOT, "  %-13s %6s -> %5s %10s %19s %19s %7.1f %9s  %s%n", r.scenario.label,
          pct(r.hot.shareFirstThird), pct(r.hot.shareLastThird), pct(r.reads.hotBytesShareEnd),
          Latencies.ms(r.reads.all.p50Ms) + " / " + Latencies.ms(r.reads.all.p99Ms),
          Latencies.ms(r.reads.end.p50Ms) + " / " + Latencies.ms(r.reads.end.p99Ms), r.reads.mibPerSec,
          Units.bytes(r.bytesMoved), r.hot.underText());
    }
    ScenarioResult base = find(MigrateScenario.NOTHING);
    if (base != null && scenarios.size() > 1) {
      out.println("Ratios against nothing (below 1 is better for latency and the hot share, above 1 for MiB/s):");
      for (ScenarioResult r : scenarios) {
        if (r != base) {
          out.printf(Locale.ROOT, "  %-13s read p50 %s  p99 %s;  last 3rd p50 %s  p99 %s;  MiB/s %s;  hot load share"
                  + " (last 3rd) %s%n", r.scenario.label, ratio(r.reads.all.p50Ms, base.reads.all.p50Ms),
              ratio(r.reads.all.p99Ms, base.reads.all.p99Ms), ratio(r.reads.end.p50Ms, base.reads.end.p50Ms),
              ratio(r.reads.end.p99Ms, base.reads.end.p99Ms), ratio(r.reads.mibPerSec, base.reads.mibPerSec),
              ratio(r.hot.shareLastThird, base.hot.shareLastThird));
        }
      }
    }
    for (ScenarioResult r : scenarios) {
      printNotes(out, r);
    }
  }

  private static void printNotes(PrintStream out, ScenarioResult r) {
    if (r.tandem != null) {
      out.printf(Locale.ROOT, "  tandem: the leader counted the hot DataNode hot %s; %d moves done (%s by its"
              + " counters), %d restarted, %d failed%n", leaderText(r.hot), r.tandem.done, Units.bytes(r.tandem.bytes),
          r.tandem.restarts, r.tandem.failed);
    }
    if (r.balancerRuns != null) {
      out.printf(Locale.ROOT, "  balancer (-threshold %d): %d run(s), exit %s%s; disk use per DataNode at the start:"
              + " %s%n", r.balancerThreshold, r.balancerRuns.size(), r.balancerRuns,
          r.balancerFailure == null ? "" : ", failed: " + r.balancerFailure, diskText(r));
    }
    if (r.reads.failures > 0) {
      out.printf("  %s: %d reads failed, first: %s%n", r.scenario.label, r.reads.failures, r.firstReadFailure);
    }
    if (r.misplacedAtStart > 0) {
      out.printf("  %s: %d blocks were not placed where written (favored nodes are a hint)%n", r.scenario.label,
          r.misplacedAtStart);
    }
  }

  private void printAppend(PrintStream out) {
    AppendResult a = append;
    out.printf(Locale.ROOT, "%nAppends: one client, %d files in turn, %s per append (append, write, close), %d s"
        + " each way in %d turns:%n", a.files, Units.bytes(a.recordBytes), a.seconds, a.rounds);
    out.printf(Locale.ROOT, "  %-32s %8s %9s %9s %9s %7s%n", "", "appends", "p50", "p99", "max", "failed");
    out.printf(Locale.ROOT, "  %-32s %8d %9s %9s %9s %7d%n", "no moves", a.without.count, Latencies.ms(a.without.p50Ms),
        Latencies.ms(a.without.p99Ms), Latencies.ms(a.without.maxMs), a.failuresWithout);
    out.printf(Locale.ROOT, "  %-32s %8d %9s %9s %9s %7d%n", "their blocks moved meanwhile", a.with.count,
        Latencies.ms(a.with.p50Ms), Latencies.ms(a.with.p99Ms), Latencies.ms(a.with.maxMs), a.failuresWith);
    out.printf(Locale.ROOT, "  moves: %d planned, %d done (%s), %d restarted by appends or failed copies, %d failed%n",
        a.movesPlanned, a.moves.done, Units.bytes(a.moves.bytes), a.moves.restarts, a.moves.failed);
    out.printf(Locale.ROOT, "  append p99 overhead with moves under way: %s (target under %.0f%%: %s)%n",
        Double.isNaN(a.p99Overhead()) ? "not measured" : String.format(Locale.ROOT, "%+.1f%%", 100 * a.p99Overhead()),
        100 * AppendResult.P99_OVERHEAD_TARGET, !a.movesHappened() ? "NOT MEASURED: no move ran"
            : a.targetMet() ? "MET" : "MISSED");
    if (a.unsettledSlices > 0) {
      out.printf("  %d slice(s) without moves started while a move was still under way (after %d s of waiting)%n",
          a.unsettledSlices, AppendPhase.SETTLE_MS / 1000);
    }
    out.println("  files after both halves: " + (a.problems.isEmpty()
        ? "every byte appended is there, every checksum verified on read" : a.problems));
  }

  private int sustainReports() {
    return scenarios.isEmpty() ? 0 : scenarios.get(0).hot.sustainReports;
  }

  private double coolLine() {
    return scenarios.isEmpty() ? Double.NaN : scenarios.get(0).hot.coolLine;
  }

  private ScenarioResult find(MigrateScenario s) {
    return scenarios.stream().filter(r -> r.scenario == s).findFirst().orElse(null);
  }

  private static String leaderText(HotNodeSummary h) {
    if (h.leaderHotFromMs < 0) {
      return "at no point";
    }
    boolean still = h.sampledUntilMs - h.leaderHotUntilMs < 1000;
    return String.format(Locale.ROOT, "from %.1f s %s", h.leaderHotFromMs / 1000.0, still ? "to the end"
        : String.format(Locale.ROOT, "to %.1f s", h.leaderHotUntilMs / 1000.0));
  }

  private static String diskText(ScenarioResult r) {
    long min = r.diskBytesAtStart.values().stream().mapToLong(Long::longValue).min().orElse(0);
    long max = r.diskBytesAtStart.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return min == max ? "equal, " + Units.bytes(min) + " each" : Units.bytes(min) + " to " + Units.bytes(max);
  }

  private static String pct(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  private static String ratio(double value, double base) {
    return Double.isNaN(value) || Double.isNaN(base) || base == 0 ? "-"
        : String.format(Locale.ROOT, "%.2fx", value / base);
  }

  /** Whether every read and every append succeeded and the appended files hold what was appended. */
  boolean clean() {
    return scenarios.stream().allMatch(r -> r.reads.failures == 0)
        && (append == null || (append.problems.isEmpty() && append.failuresWith + append.failuresWithout == 0));
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("datanodes", options.dataNodes);
    setup.put("hot_blocks", options.hotBlocks);
    setup.put("readers", options.readers);
    setup.put("read_rate_mib_per_s", options.readRate);
    setup.put("seconds_per_scenario", options.duration.getSeconds());
    setup.put("datanode_read_mbps", options.dnReadMbps);
    setup.put("report_interval_ms", options.reportIntervalMs);
    setup.put("threshold", options.threshold);
    setup.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("setup", setup);
    Map<String, Object> byName = new LinkedHashMap<>();
    for (ScenarioResult r : scenarios) {
      byName.put(r.scenario.label, r.json());
    }
    m.put("scenarios", byName);
    m.put("append", append == null ? null : append.json());
    m.put("clean", clean());
    m.put("seconds", Units.round(totalSeconds, 1));
    return m;
  }
}
