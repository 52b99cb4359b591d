package io.tandem.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hot DataNode's load over one scenario, from {@link HotNodeTrace}'s samples: its share of the site's load in the
 * first and last third of the run, and when it came under the hot line for good. One report of a busy DataNode
 * swings by a third either way, so "under the hot line" is judged, as the planner judges "hot", over the last
 * {@code tandem.migrate.sustain.reports} reports: their mean score at or under the line.
 */
final class HotNodeSummary {
  final int reports;
  final double hotLine;
  final int window;
  final double shareFirstThird;
  final double shareLastThird;
  final double scoreLastThird;
  final double maxScore;
  /** Whether the mean of any {@link #window} reports in a row was above the hot line. */
  final boolean everHot;
  /**
   * Since the load started, the report from which the mean of every {@link #window} reports in a row stayed at or
   * under the hot line; -1 if the last ones are above it.
   */
  final long underFromMs;
  /** When the leader first counted it hot and last did, since the load started; -1 if never or not sampled. */
  final long leaderHotFromMs;
  final long leaderHotUntilMs;
  /** When sampling ended, since the load started, if the leader was sampled; else -1. */
  final long sampledUntilMs;
  private final List<HotNodeTrace.Sample> samples;

  HotNodeSummary(List<HotNodeTrace.Sample> samples, double hotLine, int window, long leaderHotFromMs,
      long leaderHotUntilMs, long sampledUntilMs) {
    this.samples = new ArrayList<>(samples);
    this.reports = samples.size();
    this.hotLine = hotLine;
    this.window = window;
    long endMs = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).atMs;
    this.shareFirstThird = mean(samples, 0, endMs / 3, true);
    this.shareLastThird = mean(samples, endMs * 2 / 3, Long.MAX_VALUE, true);
    this.scoreLastThird = mean(samples, endMs * 2 / 3, Long.MAX_VALUE, false);
    this.maxScore = samples.stream().mapToDouble(s -> s.score).max().orElse(Double.NaN);
    boolean hot = false;
    long under = samples.isEmpty() ? -1 : 0;
    for (int i = window - 1; i < samples.size(); i++) {
      double sum = 0;
      for (int j = i - window + 1; j <= i; j++) {
        sum += samples.get(j).score;
      }
      if (sum / window > hotLine) {
        hot = true;
        under = -1;
      } else if (under < 0) {
        under = samples.get(i).atMs;
      }
    }
    this.everHot = hot;
    this.underFromMs = under;
    this.leaderHotFromMs = leaderHotFromMs;
    this.leaderHotUntilMs = leaderHotUntilMs;
    this.sampledUntilMs = sampledUntilMs;
  }

  private static double mean(List<HotNodeTrace.Sample> samples, long fromMs, long toMs, boolean share) {
    return samples.stream().filter(s -> s.atMs >= fromMs && s.atMs <= toMs)
        .mapToDouble(s -> share ? s.share : s.score).average().orElse(Double.NaN);
  }

  /** When the hot DataNode came under the hot line for good, in words. */
  String underText() {
    if (reports == 0) {
      return "no load reports";
    }
    if (!everHot) {
      return "never above it";
    }
    if (underFromMs < 0) {
      return "no (above at the end)";
    }
    return String.format(Locale.ROOT, "after %.1f s", underFromMs / 1000.0);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reports", reports);
    m.put("hot_line_score", Units.round(hotLine, 3));
    m.put("reports_averaged", window);
    m.put("share_first_third", Units.round(shareFirstThird, 3));
    m.put("share_last_third", Units.round(shareLastThird, 3));
    m.put("score_last_third", Units.round(scoreLastThird, 3));
    m.put("max_score", Units.round(maxScore, 3));
    m.put("ever_above_hot_line", everHot);
    m.put("reports_above_hot_line", samples.stream().filter(x -> x.hot).count());
    m.put("under_hot_line_for_good_after_s", underFromMs < 0 || !everHot ? null : Units.round(underFromMs / 1000.0, 1));
    if (sampledUntilMs >= 0) {
      m.put("leader_counted_hot_from_s", leaderHotFromMs < 0 ? null : Units.round(leaderHotFromMs / 1000.0, 1));
      m.put("leader_counted_hot_until_s", leaderHotUntilMs < 0 ? null : Units.round(leaderHotUntilMs / 1000.0, 1));
    }
    List<List<Double>> timeline = new ArrayList<>();
    for (HotNodeTrace.Sample s : samples) {
      timeline.add(Arrays.asList(Units.round(s.atMs / 1000.0, 1), Units.round(s.score, 2), Units.round(s.share, 3)));
    }
    m.put("timeline_s_score_share", timeline);
    return m;
  }
}
