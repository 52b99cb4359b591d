package io.tandem.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ship bench's results: a table per change set with ratios and targets, the plan timing, and their JSON. */
final class ShipBenchResults {
  private final List<ShipComparison> comparisons;
  private final PlanTiming plan;
  private final double totalSeconds;

  ShipBenchResults(List<ShipComparison> comparisons, PlanTiming plan, double totalSeconds) {
    this.comparisons = List.copyOf(comparisons);
    this.plan = plan;
    this.totalSeconds = totalSeconds;
  }

  void print(PrintStream out) {
    out.println();
    out.println("Results: Tandem snapshot ship vs distcp -update -diff s1 s2, same change sets, site-a -> site-b");
    out.printf(Locale.ROOT, "  %-13s %-16s %12s %9s %8s %10s %11s%n", "change set", "copier", "bytes", "seconds",
        "files", "changed", "first byte");
    for (ShipComparison c : comparisons) {
      out.printf(Locale.ROOT, "  %-13s %-16s %12d %9.2f %8d %10s %11s%n", c.changeSet.name, "Tandem ship",
          c.tandem.bytesSent, Units.seconds(c.tandem.nanos), c.tandem.filesSent, Units.bytes(c.changeSet.changedBytes),
          c.tandem.firstByteNanos < 0 ? "-" : Units.secs(c.tandem.firstByteNanos));
      out.printf(Locale.ROOT, "  %-13s %-16s %12d %9.2f %8d%n", "", "distcp -diff", c.distcp.bytesCopied,
          Units.seconds(c.distcp.nanos), c.distcp.filesCopied);
    }
    out.println();
    out.println("Ratios (DistCp / Tandem; higher is better for Tandem):");
    for (ShipComparison c : comparisons) {
      out.printf(Locale.ROOT, "  %-13s bytes %8s%s   time %6.2fx%s   verified: Tandem %s, DistCp %s%n",
          c.changeSet.name, ratio(c.bytesRatio()), target(c.changeSet.bytesRatioTarget, c.bytesTargetMet()),
          c.timeRatio(), target(c.changeSet.timeRatioTarget, c.timeTargetMet()), identical(c.tandemDifferences),
          identical(c.distcpDifferences));
      out.printf("  %-13s (%s)%n", "", c.changeSet.description);
    }
    out.println();
    if (plan != null) {
      out.printf(Locale.ROOT, "Plan timing: %d files (%s), %d changed (appended to); created on both sites in %.1f s%n",
          plan.files, plan.files == plan.filesWanted ? "as asked" : "FEWER than the " + plan.filesWanted
              + " asked: the creation budget ran out", plan.changed, Units.seconds(plan.createNanos));
      out.printf(Locale.ROOT, "  ship issued -> first byte (diff listed, plan built): %s%n",
          plan.ship.firstByteNanos < 0 ? "no byte sent" : Units.secs(plan.ship.firstByteNanos));
      out.printf(Locale.ROOT, "  ship issued -> committed on site-b: %s, %d bytes, %d files sent; verified: %s%n",
          Units.secs(plan.ship.nanos), plan.ship.bytesSent, plan.ship.filesSent, identical(plan.differences));
    }
    out.printf(Locale.ROOT, "Targets: %s; bench took %.0f s%n", allTargetsMet() ? "all MET" : "some MISSED",
        totalSeconds);
    for (String d : differencesSample()) {
      out.println("  DIFFERS: " + d);
    }
  }

  boolean verified() {
    return comparisons.stream().allMatch(ShipComparison::verified) && (plan == null || plan.differences.isEmpty());
  }

  private boolean allTargetsMet() {
    return comparisons.stream().allMatch(c -> c.bytesTargetMet() && c.timeTargetMet());
  }

  private List<String> differencesSample() {
    List<String> all = new ArrayList<>();
    for (ShipComparison c : comparisons) {
      c.tandemDifferences.stream().limit(5).forEach(d -> all.add(c.changeSet.name + " Tandem: " + d));
      c.distcpDifferences.stream().limit(5).forEach(d -> all.add(c.changeSet.name + " DistCp: " + d));
    }
    if (plan != null) {
      plan.differences.stream().limit(5).forEach(d -> all.add("plan: " + d));
    }
    return all;
  }

  private static String ratio(double r) {
    return Double.isInfinite(r) ? "all/0" : String.format(Locale.ROOT, "%.1fx", r);
  }

  private static String target(double target, boolean met) {
    return target <= 0 ? " (no target)" : String.format(Locale.ROOT, " (target >= %sx: %s)",
        target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target), met ? "MET" : "MISSED");
  }

  private static String identical(List<String> differences) {
    return differences.isEmpty() ? "identical" : differences.size() + " difference(s)";
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> sets = new LinkedHashMap<>();
    for (ShipComparison c : comparisons) {
      sets.put(c.changeSet.name, c.json());
    }
    m.put("change_sets", sets);
    m.put("plan_timing", plan == null ? null : plan.json());
    m.put("targets_met", allTargetsMet());
    m.put("verified", verified());
    m.put("seconds", Units.round(totalSeconds, 1));
    return m;
  }
}
