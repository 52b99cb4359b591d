package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sustain rule and the hysteresis: threshold 0.25, so hot above 1.25x mean and cooled at or below 1.125x. */
class HotTrackerTest {
  private static final PlannerSettings SETTINGS = PlannerSettings.builder().threshold(0.25).sustainReports(3).build();
  private final LoadModel model = LoadModel.of(SETTINGS);
  private HotTracker tracker = HotTracker.start(SETTINGS);
  private long seq;
  private long othersSeq;

  /** A new report from "hot" with the given score. */
  private void round(double hotScore) {
    seq++;
    report(hotScore, seq, seq * 1000);
  }

  /** One round: "hot" reports as given, three others share the rest with fresh reports, so the mean stays 1. */
  private void report(double hotScore, long hotSeq, long hotAtMs) {
    othersSeq++;
    List<NodeLoad> reports = new ArrayList<>();
    reports.add(PlanFixture.load("hot", "/r1", hotScore, hotSeq, hotAtMs));
    double rest = (4 - hotScore) / 3;
    for (String dn : new String[] {"a", "b", "c"}) {
      reports.add(PlanFixture.load(dn, "/r1", rest, othersSeq, othersSeq * 1000));
    }
    LoadScores scores = model.score(reports);
    assertEquals(1.0, scores.mean(), 1e-9);
    assertEquals(hotScore, scores.score("hot"), 1e-3);
    tracker = tracker.observe(scores);
  }

  @Test
  void hotOnlyAfterSustainReportsInARow() {
    round(1.5);
    round(1.5);
    assertFalse(tracker.isHot("hot"));
    assertEquals(2, tracker.hotStreak("hot"));
    round(1.5);
    assertTrue(tracker.isHot("hot"));
    assertEquals(Set.of("hot"), tracker.hotNodes());
    assertEquals(3, tracker.hotStreak("hot"));
  }

  @Test
  void aSpikeThatDoesNotLastResetsTheStreak() {
    round(1.5);
    round(1.5);
    round(1.0);
    assertEquals(0, tracker.hotStreak("hot"));
    round(1.5);
    round(1.5);
    assertFalse(tracker.isHot("hot"), "two hot reports after a cool one are not three in a row");
    round(3.0);
    assertTrue(tracker.isHot("hot"));
  }

  @Test
  void aReportInTheBandInterruptsTheStreakOfANodeNotYetHot() {
    round(1.5);
    round(1.5);
    round(1.2);
    assertFalse(tracker.isHot("hot"));
    assertEquals(0, tracker.hotStreak("hot"));
  }

  @Test
  void aRepeatedReportDoesNotCountTwice() {
    report(1.5, 7, 7000);
    report(1.5, 7, 7000);
    report(1.5, 7, 7000);
    assertFalse(tracker.isHot("hot"));
    assertEquals(1, tracker.hotStreak("hot"));
    report(1.5, 8, 8000);
    report(1.5, 9, 9000);
    assertTrue(tracker.isHot("hot"));
  }

  @Test
  void aRestartedDataNodeWhoseSequenceStartsOverStillCounts() {
    report(1.5, 41, 41_000);
    report(1.5, 42, 42_000);
    report(1.5, 1, 43_000);
    assertTrue(tracker.isHot("hot"));
  }

  @Test
  void aRepeatedReportDoesNotCoolEither() {
    for (int i = 0; i < 3; i++) {
      round(1.5);
    }
    long last = seq;
    report(1.0, last, last * 1000);
    assertTrue(tracker.isHot("hot"), "the same report seen again is not a new, cool one");
  }

  @Test
  void aHotNodeInTheBandStaysHotAndCoolsOnlyAtTheCoolLine() {
    for (int i = 0; i < 3; i++) {
      round(1.5);
    }
    round(1.2);
    assertTrue(tracker.isHot("hot"), "1.2x is below the hot line but above the cool line");
    round(1.13);
    assertTrue(tracker.isHot("hot"));
    assertEquals(5, tracker.hotStreak("hot"));
    round(1.12);
    assertFalse(tracker.isHot("hot"), "at or below the cool line cools");
    assertEquals(0, tracker.hotStreak("hot"));
  }

  @Test
  void aNodeHoveringAtTheEdgeDoesNotFlap() {
    for (int i = 0; i < 3; i++) {
      round(1.3);
    }
    for (int i = 0; i < 20; i++) {
      round(i % 2 == 0 ? 1.2 : 1.3);
      assertTrue(tracker.isHot("hot"), "flapped at round " + i);
    }
    HotTracker cool = HotTracker.start(SETTINGS);
    tracker = cool;
    for (int i = 0; i < 20; i++) {
      round(i % 2 == 0 ? 1.2 : 1.3);
      assertFalse(tracker.isHot("hot"), "became hot on alternating reports at round " + i);
    }
  }

  @Test
  void theLinesThemselves() {
    HotRule rule = SETTINGS.hotRule();
    assertFalse(rule.isHotReport(1.25, 1), "exactly the hot line is not hot");
    assertTrue(rule.isHotReport(1.2500001, 1));
    assertTrue(rule.isCooled(1.125, 1), "exactly the cool line cools");
    assertFalse(rule.isCooled(1.1250001, 1));
    assertEquals(2.5, rule.hotLine(2), 1e-12);
    assertFalse(rule.isHotReport(5, 0), "no mean, no hot");
  }

  @Test
  void exactlyTheHotLineIsNotHot() {
    for (int i = 0; i < 5; i++) {
      round(1.25);
    }
    assertFalse(tracker.isHot("hot"));
  }

  @Test
  void aDataNodeMissingFromARoundIsForgotten() {
    for (int i = 0; i < 3; i++) {
      round(1.5);
    }
    assertTrue(tracker.isHot("hot"));
    List<NodeLoad> others = new ArrayList<>();
    for (String dn : new String[] {"a", "b", "c"}) {
      others.add(PlanFixture.load(dn, "/r1", 1, 100, 100_000));
    }
    tracker = tracker.observe(model.score(others));
    assertFalse(tracker.isHot("hot"));
    assertEquals(0, tracker.hotStreak("hot"));
  }

  @Test
  void anIdleClusterHasNoHotNode() {
    HotTracker t = HotTracker.start(PlannerSettings.builder().sustainReports(1).build());
    List<NodeLoad> idle = new ArrayList<>();
    idle.add(new NodeLoad("a", "/r1", 0, 0, 0, 0, 1, 1));
    idle.add(new NodeLoad("b", "/r1", 0, 0, 0, 0, 1, 1));
    t = t.observe(model.score(idle));
    assertTrue(t.hotNodes().isEmpty());
  }

  @Test
  void sustainOfOneActsOnTheFirstHotReport() {
    tracker = HotTracker.start(PlannerSettings.builder().sustainReports(1).build());
    round(1.5);
    assertTrue(tracker.isHot("hot"));
  }
}
