package io.tandem.bench;

import io.tandem.migrate.plan.HotRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hot DataNode's load over one scenario, from {@link HotNodeTrace}'s samples: its share of the site's load in the
 * first and last third of the run, and when the planner's rule stopped counting it hot for good. (One report of a busy
 * DataNode swings by a third either way around its mean, so single reports cross the hot line now and then; the
 * rule's sustain and cool lines are what keep the planner from flapping on them.)
 */
final class HotNodeSummary {
  final int reports;
  final double hotLine;
  final double coolLine;
  /** Reports in a row above the hot line that make a DataNode hot. */
  final int sustainReports;
  final double shareFirstThird;
  final double shareLastThird;
  final double scoreLastThird;
  final double maxScore;
  /** Whether the planner's rule counted it hot at any report. */
  final boolean everHot;
  /** Since the load started, the report from which the rule no longer counted it hot; -1 if it did at the end. */
  final long underFromMs;
  /** When the leader first counted it hot and last did, since the load started; -1 if never or not sampled. */
  final long leaderHotFromMs;
  final long leaderHotUntilMs;
  /** When sampling ended, since the load started, if the leader was sampled; else -1. */
  final long sampledUntilMs;
  private final List<HotNodeTrace.Sample> samples;

  HotNodeSummary(List<HotNodeTrace.Sample> samples, HotRule rule, int sustainReports, long leaderHotFromMs,
      long leaderHotUntilMs, long sampledUntilMs) {
    this.samples = new ArrayList<>(samples);
    this.reports = samples.size();
    this.hotLine = rule.hotLine(1);
    this.coolLine = rule.coolLine(1);
    this.sustainReports = sustainReports;
    long endMs = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).atMs;
    this.shareFirstThird = mean(samples, 0, endMs / 3, true);
    this.shareLastThird = mean(samples, endMs * 2 / 3, Long.MAX_VALUE, true);
    this.scoreLastThird = mean(samples, endMs * 2 / 3, Long.MAX_VALUE, false);
    this.maxScore = samples.stream().mapToDouble(s -> s.score).max().orElse(Double.NaN);
    long under = samples.isEmpty() ? -1 : 0;
    for (HotNodeTrace.Sample s : samples) {
      if (s.counted) {
        under = -1;
      } else if (under < 0) {
        under = s.atMs;
      }
    }
    this.everHot = samples.stream().anyMatch(s -> s.counted);
    this.underFromMs = under;
    this.leaderHotFromMs = leaderHotFromMs;
    this.leaderHotUntilMs = leaderHotUntilMs;
    this.sampledUntilMs = sampledUntilMs;
  }

  private static double mean(List<HotNodeTrace.Sample> samples, long fromMs, long toMs, boolean share) {
    return samples.stream().filter(s -> s.atMs >= fromMs && s.atMs <= toMs)
        .mapToDouble(s -> share ? s.share : s.score).average().orElse(Double.NaN);
  }

  /** When the rule stopped counting the hot DataNode hot for good, in words. */
  String underText() {
    if (reports == 0) {
      return "no load reports";
    }
    if (!everHot) {
      return "never hot";
    }
    if (underFromMs < 0) {
      return "no: hot at the end";
    }
    return String.format(Locale.ROOT, "after %.1f s", underFromMs / 1000.0);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reports", reports);
    m.put("hot_line_score", Units.round(hotLine, 3));
    m.put("cool_line_score", Units.round(coolLine, 3));
    m.put("sustain_reports", sustainReports);
    m.put("share_first_third", Units.round(shareFirstThird, 3));
    m.put("share_last_third", Units.round(shareLastThird, 3));
    m.put("score_last_third", Units.round(scoreLastThird, 3));
    m.put("max_score", Units.round(maxScore, 3));
    m.put("reports_above_hot_line", samples.stream().filter(x -> x.aboveLine).count());
    m.put("counted_hot_by_the_planners_rule", everHot);
    m.put("not_hot_for_good_after_s", underFromMs < 0 || !everHot ? null : Units.round(underFromMs / 1000.0, 1));
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
