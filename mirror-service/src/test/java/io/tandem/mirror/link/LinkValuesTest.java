package io.tandem.mirror.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.TandemConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The small value classes: timings, outcomes, transitions, states. */
class LinkValuesTest {
  @Test
  void timingsRefuseAWindowThatCannotWork() {
    assertEquals("heartbeat interval must be > 0 ms, got 0",
        assertThrows(IllegalArgumentException.class, () -> new LinkTimings(0, 5000, 0)).getMessage());
    assertEquals("heartbeat timeout (1000 ms) must be greater than the heartbeat interval (1000 ms)",
        assertThrows(IllegalArgumentException.class, () -> new LinkTimings(1000, 1000, 0)).getMessage());
    assertEquals("probation must be >= 0 ms, got -1",
        assertThrows(IllegalArgumentException.class, () -> new LinkTimings(1000, 5000, -1)).getMessage());
  }

  @Test
  void timingsComeFromTheLinkSettings() {
    Configuration conf = new Configuration(false);
    conf.set("tandem.site.id", "site-a");
    conf.set("tandem.zk.quorum", "zk1:2181");
    conf.set("tandem.link.heartbeat.interval.ms", "200");
    conf.set("tandem.link.heartbeat.timeout.ms", "900");
    conf.set("tandem.link.probation.ms", "3000");
    LinkTimings timings = LinkTimings.from(TandemConfig.parse(conf).link());
    assertEquals(200, timings.heartbeatIntervalMs());
    assertEquals(900, timings.heartbeatTimeoutMs());
    assertEquals(3000, timings.probationMs());
  }

  @Test
  void unchangedOutcomeHasNoTransitionsAndNoActions() {
    assertFalse(LinkOutcome.UNCHANGED.changed());
    assertTrue(LinkOutcome.UNCHANGED.transitions().isEmpty());
    assertTrue(LinkOutcome.UNCHANGED.actions().isEmpty());
    assertEquals("unchanged", LinkOutcome.UNCHANGED.toString());
  }

  @Test
  void onlyAReplayTransitionHasAReplayId() {
    LinkTransition down = new LinkTransition(new UpState(5), new DownState(9, GapCause.PEER_SILENT),
        LinkAction.CLOSE_CONNECTIONS);
    IllegalStateException e = assertThrows(IllegalStateException.class, down::replayId);
    assertEquals("transition to DOWN since 9 ms, PEER_SILENT starts no replay, so it has no replay id",
        e.getMessage());
    assertEquals("UP -> DOWN since 9 ms, PEER_SILENT (CLOSE_CONNECTIONS)", down.toString());
    assertEquals(9, down.atMs());
  }

  @Test
  void statesNameThemselves() {
    assertEquals("PROBATION since 1 ms, ends at 11 ms", new ProbationState(1, 11).toString());
    assertEquals("REPLAYING since 2 ms, replay 3", new ReplayingState(2, 3).toString());
    assertEquals("CONNECTING since 0 ms", new ConnectingState(0).toString());
  }
}

