package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one run of {@link MirrorBench} measured, as the table, the ratios against the targets, and JSON. */
final class BenchResults {
  static final double LAG_P99_TARGET_MS = 2000;
  static final double THROUGHPUT_TARGET = 0.70;

  private final BenchOptions options;
  private final DataSet dataSet;
  private final DataSetWriter.Pass ceiling;
  private final DataSetWriter.Pass ceilingAgain;
  /** The first is the steady load the lag target applies to. */
  private final List<MirrorPhase> steady;
  /** Graded on the median of their ratios. */
  private final List<ThroughputRound> rounds;
  /** Round 1's unpaced phase: the data DistCp copies and the append phase grows. */
  private final MirrorPhase unpaced;
  private final DistCpRun distcpFull;
  private final MirrorPhase appends;
  private final DistCpRun distcpIncremental;
  private final List<String> volumeDiffs;
  private final List<String> distcpDiffs;
  private final List<String> linkChanges;
  private final double benchSeconds;

  BenchResults(BenchOptions options, DataSet dataSet, DataSetWriter.Pass ceiling, DataSetWriter.Pass ceilingAgain,
      List<MirrorPhase> steady, List<ThroughputRound> rounds, DistCpRun distcpFull, MirrorPhase appends,
      DistCpRun distcpIncremental, List<String> volumeDiffs, List<String> distcpDiffs,
      List<String> linkChanges, double benchSeconds) {
    this.options = options;
    this.dataSet = dataSet;
    this.ceiling = ceiling;
    this.ceilingAgain = ceilingAgain;
    this.steady = List.copyOf(steady);
    this.rounds = List.copyOf(rounds);
    this.unpaced = rounds.get(0).unpaced;
    this.distcpFull = distcpFull;
    this.appends = appends;
    this.distcpIncremental = distcpIncremental;
    this.volumeDiffs = List.copyOf(volumeDiffs);
    this.distcpDiffs = List.copyOf(distcpDiffs);
    this.linkChanges = List.copyOf(linkChanges);
    this.benchSeconds = benchSeconds;
  }

  /** The volume ended identical on both sites and every phase completed. */
  boolean verified() {
    return volumeDiffs.isEmpty() && allComplete();
  }

  private boolean allComplete() {
    return steady.stream().allMatch(p -> p.complete) && rounds.stream().allMatch(r -> r.unpaced.complete)
        && appends.complete;
  }

  /** The best ceiling of the run (the first, the rounds' and the last): the strictest yardstick. */
  double ceilingMibPerSecond() {
    double best = Math.max(ceiling.mibPerSecond(), ceilingAgain.mibPerSecond());
    for (ThroughputRound r : rounds) {
      best = Math.max(best, r.ceiling.mibPerSecond());
    }
    return best;
  }

  /** The graded ratio: the median over the rounds of the mirrored throughput over the ceiling measured just before. */
  double throughputRatio() {
    return ThroughputRound.medianRatio(rounds);
  }

  /** The median round's mirrored throughput over the best ceiling of the whole run. */
  double throughputRatioToBestCeiling() {
    List<Double> mirrored = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      mirrored.add(r.unpaced.mirroredMibPerSecond());
    }
    return ThroughputRound.median(mirrored) / ceilingMibPerSecond();
  }

  boolean throughputMet() {
    return rounds.stream().allMatch(r -> r.unpaced.complete) && throughputRatio() >= THROUGHPUT_TARGET;
  }

  private MirrorPhase graded() {
    return steady.get(0);
  }

  /** Met only when the p99 is under the target and the mirror kept up (else the lag grows with the phase's length). */
  boolean lagMet() {
    return graded().keptUp() && graded().lag.p99Ms < LAG_P99_TARGET_MS;
  }

  /** Tandem's time to put D on site-b (writing included) over DistCp's time to copy D already written. */
  double fullWallRatio() {
    return (double) unpaced.mirroredNanos() / distcpFull.nanos;
  }

  /** The same Tandem time over writing D on site-a and then running DistCp: when each has D on site-b. */
  double fullEndToEndRatio() {
    return (double) unpaced.mirroredNanos() / (unpaced.written.nanos() + distcpFull.nanos);
  }

  double incrementalWallRatio() {
    return (double) appends.mirroredNanos() / distcpIncremental.nanos;
  }

  void print(PrintStream o) {
    String rule = "-".repeat(118);
    o.println();
    o.println("== Results (MiB/s over the phase's wall time; lag: close on site-a to the file complete on site-b)");
    o.printf("%-46s %8s %9s   %s%n", "phase", "MiB/s", "wall", "per-file lag");
    o.println(rule);
    row(o, "ceiling: D written straight into site-b", ceiling.mibPerSecond(), ceiling.nanos(), "");
    row(o, "  ... again at the end", ceilingAgain.mibPerSecond(), ceilingAgain.nanos(), "");
    for (MirrorPhase p : steady) {
      row(o, String.format(Locale.ROOT, "%s: D into the volume, written on site-a", p.name), p.written.mibPerSecond(),
          p.written.nanos(), p.lag.text());
      row(o, "  ... mirrored to site-b", p.mirroredMibPerSecond(), p.mirroredNanos(),
          String.format(Locale.ROOT, "lag trend %+.0f ms/s: %s; drained %s after the last close",
              p.lagTrendMsPerSecond(), p.keptUp() ? "kept up" : "FELL BEHIND", Units.secs(p.drainNanos())));
    }
    for (ThroughputRound r : rounds) {
      row(o, String.format(Locale.ROOT, "round %d: ceiling, D straight into site-b", r.number),
          r.ceiling.mibPerSecond(), r.ceiling.nanos(), "");
      row(o, "  ... unpaced: D into the volume on site-a", r.unpaced.written.mibPerSecond(),
          r.unpaced.written.nanos(), r.unpaced.lag.text());
      row(o, "  ... mirrored to site-b (first byte to last)", r.unpaced.mirroredMibPerSecond(),
          r.unpaced.mirroredNanos(), String.format(Locale.ROOT, "%.2f of the round's ceiling; drained %s after the"
              + " last close", r.ratio(), Units.secs(r.unpaced.drainNanos())));
      if (r.plain != null) {
        row(o, "  ... plain copy: written on site-a", r.plain.written.mibPerSecond(), r.plain.written.nanos(), "");
        row(o, "  ... copied to site-b (first byte to last)", r.plain.mibPerSecond(), r.plain.nanos(),
            String.format(Locale.ROOT, "%.2f of the round's ceiling", r.plainRatio()));
      }
    }
    row(o, "DistCp -update of D (fresh target)", Units.mibPerSecond(distcpFull.bytesCopied, distcpFull.nanos),
        distcpFull.nanos, copied(distcpFull));
    row(o, String.format(Locale.ROOT, "appends: %s to %d files, Tandem", Units.bytes(options.appendBytes),
        appends.written.files), Double.NaN, appends.mirroredNanos(), appends.lag.text());
    row(o, "appends: DistCp -update (incremental)", Double.NaN, distcpIncremental.nanos, copied(distcpIncremental));
    o.println(rule);
    List<String> perFile = new ArrayList<>();
    for (MirrorPhase p : steady) {
      perFile.add(String.format(Locale.ROOT, "%s %.2f", p.name, perFile(p)));
    }
    for (ThroughputRound r : rounds) {
      perFile.add(String.format(Locale.ROOT, "%s %.2f", r.unpaced.name, perFile(r.unpaced)));
    }
    perFile.add(String.format(Locale.ROOT, "appends %.2f", perFile(appends)));
    o.println("requests the receiver applied per file: " + String.join(", ", perFile));
    o.println(linkChanges.isEmpty() ? "link site-a -> site-b: UP throughout"
        : "link site-a -> site-b changed phase " + linkChanges.size() + " time(s): " + linkChanges);

    o.println();
    o.println("== Ratios");
    List<String> each = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      each.add(String.format(Locale.ROOT, "%.2f", r.ratio()));
    }
    o.printf(Locale.ROOT, "mirrored throughput / ceiling     %6.2f   median of %d round(s) %s, each against the"
            + " ceiling just before it   target >= %.2f   %s%n", throughputRatio(), rounds.size(), each,
        THROUGHPUT_TARGET, throughputMet() ? "MET" : "MISSED");
    o.printf(Locale.ROOT, "  (median mirrored / best ceiling of the run: %.2f, %.1f MiB/s best)%n",
        throughputRatioToBestCeiling(), ceilingMibPerSecond());
    double plain = ThroughputRound.medianPlainRatio(rounds);
    if (!Double.isNaN(plain)) {
      o.printf(Locale.ROOT, "  (plain copy / ceiling, the same rounds: median %.2f; Tandem / plain copy: %.2f)%n",
          plain, throughputRatio() / plain);
    }
    MirrorPhase g = graded();
    o.printf(Locale.ROOT, "lag p99 at steady load            %6s   %s at %.1f MiB/s, p50 %s, %s   target < %s   %s%n",
        LagSummary.ms(g.lag.p99Ms), g.name, g.written.mibPerSecond(), LagSummary.ms(g.lag.p50Ms),
        g.keptUp() ? "kept up" : "fell behind", LagSummary.ms(LAG_P99_TARGET_MS),
        lagMet() ? "MET" : g.keptUp() ? "MISSED" : "MISSED: it fell behind, so the lag grows while the load lasts");
    for (MirrorPhase p : steady.subList(1, steady.size())) {
      o.printf(Locale.ROOT, "  (lag p99 at %s, %.1f MiB/s: %s, %s)%n", p.name, p.written.mibPerSecond(),
          LagSummary.ms(p.lag.p99Ms), p.keptUp() ? "kept up" : "fell behind");
    }
    o.printf(Locale.ROOT, "Tandem wall / DistCp wall, D      %6.2f   %s, writing included / %s%n", fullWallRatio(),
        Units.secs(unpaced.mirroredNanos()), Units.secs(distcpFull.nanos));
    o.printf(Locale.ROOT, "  ... / (write D, then DistCp)    %6.2f   %s / (%s + %s)%n", fullEndToEndRatio(),
        Units.secs(unpaced.mirroredNanos()), Units.secs(unpaced.written.nanos()), Units.secs(distcpFull.nanos));
    o.printf(Locale.ROOT, "Tandem wall / DistCp wall, appends %5.2f   %s / %s%n", incrementalWallRatio(),
        Units.secs(appends.mirroredNanos()), Units.secs(distcpIncremental.nanos));

    o.println();
    if (volumeDiffs.isEmpty()) {
      o.printf("Verified: volume %s is identical on site-a and site-b (names, lengths, permissions, checksums).%n",
          MirrorBench.VOLUME_PATH);
    } else {
      o.printf("WRONG RESULT: volume %s differs between the sites in %d place(s): %s%n", MirrorBench.VOLUME_PATH,
          volumeDiffs.size(), first(volumeDiffs));
    }
    o.println(distcpDiffs.isEmpty() ? "Verified: DistCp's copy is identical to its source."
        : "DistCp's copy differs from its source: " + first(distcpDiffs));
    if (!allComplete()) {
      o.println("INCOMPLETE: a phase timed out before every file reached site-b; its numbers are lower bounds.");
    }
    o.printf(Locale.ROOT, "Bench took %.0f s.%n", benchSeconds);
  }

  private static void row(PrintStream o, String phase, double mibPerSecond, long nanos, String detail) {
    String line = String.format(Locale.ROOT, "%-46s %8s %9s   %s", phase,
        Double.isNaN(mibPerSecond) ? "" : String.format(Locale.ROOT, "%.1f", mibPerSecond), Units.secs(nanos), detail);
    o.println(line.stripTrailing());
  }

  private static String copied(DistCpRun r) {
    return r.filesCopied + " copied, " + r.filesSkipped + " skipped, " + Units.bytes(r.bytesCopied);
  }

  private static double perFile(MirrorPhase p) {
    return p.written.files == 0 ? 0 : (double) p.requestsApplied / p.written.files;
  }

  private static String first(List<String> lines) {
    return lines.size() > 10 ? lines.subList(0, 10) + " ..." : lines.toString();
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Instant.now().toString());
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("cores", Runtime.getRuntime().availableProcessors());
    setup.put("datanodes_per_site", options.dataNodes);
    setup.put("block_bytes", TandemSite.BLOCK_SIZE);
    setup.put("data_set", dataSet.description());
    setup.put("data_set_files", dataSet.files().size());
    setup.put("data_set_bytes", dataSet.totalBytes());
    setup.put("close_retry_initial_ms", options.closeRetryMs);
    setup.put("poll_ms", options.pollMs);
    setup.put("distcp_maps", options.distcpMaps);
    setup.put("throughput_rounds", rounds.size());
    setup.put("site_settings", options.siteSettings);
    m.put("setup", setup);
    Map<String, Object> ceil = new LinkedHashMap<>();
    ceil.put("first_seconds", Units.round(Units.seconds(ceiling.nanos()), 3));
    ceil.put("first_mib_per_s", Units.round(ceiling.mibPerSecond(), 1));
    ceil.put("again_seconds", Units.round(Units.seconds(ceilingAgain.nanos()), 3));
    ceil.put("again_mib_per_s", Units.round(ceilingAgain.mibPerSecond(), 1));
    ceil.put("mib_per_s", Units.round(ceilingMibPerSecond(), 1));
    m.put("ceiling", ceil);
    Map<String, Object> steadyJson = new LinkedHashMap<>();
    for (MirrorPhase p : steady) {
      steadyJson.put(p.name, p.json());
    }
    m.put("steady", steadyJson);
    List<Map<String, Object>> roundsJson = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      roundsJson.add(r.json());
    }
    m.put("throughput_rounds", roundsJson);
    m.put("distcp_full", distcpFull.json());
    Map<String, Object> app = appends.json();
    app.put("bytes_per_file", options.appendBytes);
    m.put("appends_tandem", app);
    m.put("distcp_incremental", distcpIncremental.json());
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("mirrored_throughput_over_ceiling", Units.round(throughputRatio(), 3));
    ratios.put("mirrored_throughput_over_best_ceiling", Units.round(throughputRatioToBestCeiling(), 3));
    ratios.put("plain_copy_over_ceiling", Units.round(ThroughputRound.medianPlainRatio(rounds), 3));
    ratios.put("mirrored_throughput_target", THROUGHPUT_TARGET);
    ratios.put("mirrored_throughput_met", throughputMet());
    ratios.put("steady_phase_graded", graded().name);
    ratios.put("steady_lag_p99_ms", LagSummary.round(graded().lag.p99Ms));
    ratios.put("steady_lag_p99_target_ms", LAG_P99_TARGET_MS);
    ratios.put("steady_kept_up", graded().keptUp());
    ratios.put("steady_lag_p99_met", lagMet());
    ratios.put("tandem_wall_over_distcp_wall_full", Units.round(fullWallRatio(), 3));
    ratios.put("tandem_wall_over_write_then_distcp_full", Units.round(fullEndToEndRatio(), 3));
    ratios.put("tandem_wall_over_distcp_wall_appends", Units.round(incrementalWallRatio(), 3));
    m.put("ratios", ratios);
    m.put("link_phase_changes", linkChanges);
    m.put("all_phases_complete", allComplete());
    m.put("volume_identical", volumeDiffs.isEmpty());
    m.put("volume_differences", volumeDiffs.size() > 50 ? volumeDiffs.subList(0, 50) : volumeDiffs);
    m.put("distcp_copy_identical", distcpDiffs.isEmpty());
    m.put("bench_seconds", Units.round(benchSeconds, 1));
    return m;
  }
}
