package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The wording of reasons, in one place so {@code tandem migrate plan} output reads the same everywhere. */
final class MoveReasons {
  private MoveReasons() {
  }

  /**
   * E.g. "dn-3 load 2.40x mean for 4 reports; block 1073741825 is its hottest (1,240 reads/s, 310.0 MB/s); dn-7
   * coolest eligible on rack /r2 (0.62x mean, 0.80x after)".
   */
  static String move(String source, double sourceScore, double sourceProjected, int hotReports, BlockHeat heat,
      int rank, String target, String targetRack, double targetProjected, double share) {
    StringBuilder s = new StringBuilder();
    s.append(source).append(" load ").append(times(sourceScore)).append(" mean for ").append(hotReports)
        .append(hotReports == 1 ? " report" : " reports");
    if (Math.abs(sourceProjected - sourceScore) >= 0.005) {
      s.append(" (").append(times(sourceProjected)).append(" counting moves in flight and planned)");
    }
    s.append("; block ").append(heat.blockId()).append(" is its ").append(ordinalHottest(rank)).append(" (")
        .append(String.format(Locale.ROOT, "%,.0f reads/s, %,.1f MB/s", heat.readsPerSec(),
            heat.bytesReadPerSec() / 1e6))
        .append("); ").append(target).append(" coolest eligible on rack ").append(targetRack).append(" (")
        .append(times(targetProjected)).append(" mean, ").append(times(targetProjected + share)).append(" after)");
    return s.toString();
  }

  /** "no eligible target among 19 DataNodes: 3 hold a replica, 16 would rise above 1.13x mean". */
  static String noTarget(Map<String, Integer> rejected, String firstRackViolation) {
    int total = 0;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : rejected.entrySet()) {
      total += e.getValue();
      parts.add(e.getValue() + " " + e.getKey());
    }
    String s = "no eligible target among " + total + " DataNodes" + (parts.isEmpty() ? "" : ": "
        + String.join(", ", parts));
    return firstRackViolation == null ? s : s + " (e.g. " + firstRackViolation + ")";
  }

  static String times(double score) {
    return String.format(Locale.ROOT, "%.2fx", score);
  }

  static String ordinalHottest(int rank) {
    if (rank == 1) {
      return "hottest";
    }
    int lastTwo = rank % 100;
    String suffix;
    if (lastTwo >= 11 && lastTwo <= 13) {
      suffix = "th";
    } else if (rank % 10 == 1) {
      suffix = "st";
    } else if (rank % 10 == 2) {
      suffix = "nd";
    } else if (rank % 10 == 3) {
      suffix = "rd";
    } else {
      suffix = "th";
    }
    return rank + suffix + " hottest";
  }
}
