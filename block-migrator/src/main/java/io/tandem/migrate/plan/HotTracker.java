package io.tandem.migrate.plan;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which DataNodes are hot, by the sustain rule and the hysteresis of {@link HotRule}. Immutable: each round's
 * {@link #observe} returns the next tracker.
 *
 * <p>Per DataNode, for each new report (one whose sequence or time is past the last counted; a repeated report
 * changes nothing):
 *
 * <ul>
 *   <li>not hot: a hot report ({@code score > mean * (1 + threshold)}) extends the streak, any other report resets it
 *       to 0; the node becomes hot when the streak reaches {@code sustainReports};
 *   <li>hot: a cooled report ({@code score <= mean * (1 + threshold * coolFraction)}) makes it not hot with streak 0;
 *       any other report, even one in the band below the hot line, keeps it hot and extends the streak.
 * </ul>
 *
 * A DataNode missing from a round is forgotten: it has no report to judge, and when it returns it starts over.
 */
public final class HotTracker {
  private final HotRule rule;
  private final int sustainReports;
  private final Map<String, NodeState> states;

  private HotTracker(HotRule rule, int sustainReports, Map<String, NodeState> states) {
    this.rule = rule;
    this.sustainReports = sustainReports;
    this.states = Collections.unmodifiableMap(states);
  }

  /** A tracker that has seen nothing yet. */
  public static HotTracker start(PlannerSettings settings) {
    return new HotTracker(settings.hotRule(), settings.sustainReports(), new HashMap<>());
  }

  /** The tracker after one round of reports, one per DataNode. */
  public HotTracker observe(LoadScores scores) {
    Map<String, NodeState> next = new HashMap<>();
    for (NodeLoad n : scores.nodes()) {
      NodeState prev = states.get(n.datanodeUuid());
      if (prev != null && !prev.isOlderThan(n)) {
        next.put(n.datanodeUuid(), prev);
      } else {
        next.put(n.datanodeUuid(), judge(prev, n, scores.score(n.datanodeUuid()), scores.mean()));
      }
    }
    return new HotTracker(rule, sustainReports, next);
  }

  private NodeState judge(NodeState prev, NodeLoad report, double score, double mean) {
    boolean wasHot = prev != null && prev.hot;
    int streak = prev == null ? 0 : prev.streak;
    if (wasHot) {
      return rule.isCooled(score, mean) ? NodeState.of(report, false, 0) : NodeState.of(report, true, streak + 1);
    }
    if (!rule.isHotReport(score, mean)) {
      return NodeState.of(report, false, 0);
    }
    return NodeState.of(report, streak + 1 >= sustainReports, streak + 1);
  }

  public boolean isHot(String datanodeUuid) {
    NodeState s = states.get(datanodeUuid);
    return s != null && s.hot;
  }

  /** Reports in a row that were hot (before it became hot) or kept it hot (since); 0 for a cool DataNode. */
  public int hotStreak(String datanodeUuid) {
    NodeState s = states.get(datanodeUuid);
    return s == null ? 0 : s.streak;
  }

  /** Hot DataNodes, by uuid. */
  public Set<String> hotNodes() {
    Set<String> hot = new TreeSet<>();
    for (Map.Entry<String, NodeState> e : states.entrySet()) {
      if (e.getValue().hot) {
        hot.add(e.getKey());
      }
    }
    return Collections.unmodifiableSet(hot);
  }

  public HotRule rule() {
    return rule;
  }

  @Override
  public String toString() {
    return "hot " + hotNodes() + " (" + rule + ", sustain " + sustainReports + ")";
  }

  /** One DataNode's standing and the report it was last judged on. */
  private static final class NodeState {
    private final long sequence;
    private final long atMs;
    private final boolean hot;
    private final int streak;

    private NodeState(long sequence, long atMs, boolean hot, int streak) {
      this.sequence = sequence;
      this.atMs = atMs;
      this.hot = hot;
      this.streak = streak;
    }

    static NodeState of(NodeLoad report, boolean hot, int streak) {
      return new NodeState(report.reportSequence(), report.reportAtMs(), hot, streak);
    }

    /**
     * A report is new if its sequence is higher or, since a restarted DataNode's sequence starts over, if it is
     * later; a report seen again has both the same.
     */
    boolean isOlderThan(NodeLoad report) {
      return report.reportSequence() > sequence || report.reportAtMs() > atMs;
    }
  }
}
