package io.tandem.mirror.link;

import static io.tandem.mirror.link.LinkFixture.INTERVAL_MS;
import static io.tandem.mirror.link.LinkFixture.PROBATION_MS;
import static io.tandem.mirror.link.LinkFixture.TIMEOUT_MS;
import static io.tandem.mirror.link.LinkStateMachineTest.assertTransitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Links that flap or work in one direction only never reach UP. */
class LinkFlappingTest {
  private final LinkFixture f = new LinkFixture();
  private final LinkStateMachine link = f.link;

  @Test
  void silencesNoLongerThanTheTimeoutDoNotDisturbProbation() {
    f.send();
    f.hear();
    long probationStart = f.now();
    while (f.now() + TIMEOUT_MS < probationStart + PROBATION_MS) {
      f.advance(TIMEOUT_MS);
      f.send();
      assertSame(LinkOutcome.UNCHANGED, f.hear(), "a silence of exactly the timeout is jitter, not a gap");
    }
    f.advance(probationStart + PROBATION_MS - f.now());
    assertTransitions(f.poll(), "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
    assertEquals(0, link.gapsDetected());
  }

  @Test
  void gapsLongerThanTheTimeoutJustInsideEachProbationKeepTheLinkFromEverReconnecting() {
    f.send();
    f.hear();
    for (int cycle = 1; cycle <= 30; cycle++) {
      f.beatFor(PROBATION_MS - INTERVAL_MS);
      f.advance(TIMEOUT_MS + 1);
      f.send();
      f.hear();
      assertEquals(LinkPhase.PROBATION, link.phase(), "cycle " + cycle);
      assertEquals(cycle, link.gapsDetected(), "cycle " + cycle);
    }
    assertEquals(1 + 2 * 30, link.transitionCount(), "only PROBATION -> DOWN -> PROBATION, never further");

    f.beatFor(PROBATION_MS - INTERVAL_MS);
    assertEquals(LinkPhase.PROBATION, link.phase());
    assertTransitions(f.beat(), "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
  }

  @Test
  void gapsAlternatelyShorterAndLongerThanTheTimeoutNeverReachUp() {
    f.bringUp();
    for (int i = 0; i < 200; i++) {
      long silence = i % 2 == 0 ? TIMEOUT_MS - 1 : TIMEOUT_MS + 1;
      f.advance(silence);
      f.send();
      f.hear();
      f.poll();
      if (i > 0) {
        assertNotEquals(LinkPhase.UP, link.phase(), "after silence " + i);
        assertNotEquals(LinkPhase.REPLAYING, link.phase(), "after silence " + i);
      }
    }
    assertEquals(100, link.gapsDetected());
  }

  @Test
  void heartbeatsThatNeverReportHearingUsKeepTheLinkConnecting() {
    for (int i = 0; i < 60; i++) {
      f.advance(INTERVAL_MS);
      f.send();
      assertSame(LinkOutcome.UNCHANGED, f.hearEchoing(PeerHeartbeat.NOT_HEARD), "heartbeat " + i);
    }
    assertEquals(LinkPhase.CONNECTING, link.phase());
    assertEquals(f.now(), link.lastHeardFromPeerMs(), "we do hear the peer");
  }

  @Test
  void heartbeatsEchoingOnlyOneOldSendNeverGetPastProbation() {
    long onlyOneHeard = f.send();
    for (int i = 0; i < 60; i++) {
      f.advance(INTERVAL_MS);
      f.send();
      f.hearEchoing(onlyOneHeard);
      assertEquals(i < TIMEOUT_MS / INTERVAL_MS ? LinkPhase.PROBATION : LinkPhase.DOWN, link.phase(),
          "heartbeat " + i + ": the one echo we had kept the peer fresh only for the timeout");
    }
    assertEquals(GapCause.PEER_NOT_HEARING_US, ((DownState) link.state()).cause());
    assertEquals(1, link.gapsDetected());
  }

  @Test
  void anUpLinkWhosePeerStopsHearingUsGoesDownAndStaysDown() {
    f.bringUp();
    long lastHeardByPeer = f.now();
    LinkOutcome down = LinkOutcome.UNCHANGED;
    for (int i = 0; i < 60; i++) {
      f.advance(INTERVAL_MS);
      f.send();
      LinkOutcome outcome = f.hearEchoing(lastHeardByPeer);
      if (outcome.changed()) {
        assertSame(LinkOutcome.UNCHANGED, down, "only one transition expected, got " + outcome + " after " + down);
        down = outcome;
      }
    }
    assertTransitions(down, "UP -> DOWN", LinkAction.CLOSE_CONNECTIONS);
    assertEquals(lastHeardByPeer + TIMEOUT_MS + INTERVAL_MS, down.transitions().get(0).atMs(),
        "noticed at the first heartbeat after the echo went stale");
    assertEquals(GapCause.PEER_NOT_HEARING_US, ((DownState) link.state()).cause());
  }

  @Test
  void aHeartbeatSayingThePeerHearsNothingPutsTheLinkDownAtOnce() {
    f.bringUp();
    f.advance(10);
    assertTransitions(f.hearEchoing(PeerHeartbeat.NOT_HEARD), "UP -> DOWN", LinkAction.CLOSE_CONNECTIONS);
    assertEquals(GapCause.PEER_NOT_HEARING_US, ((DownState) link.state()).cause());
  }

  @Test
  void weHearingNothingWhileThePeerHearsUsNeverLeavesConnecting() {
    for (int i = 0; i < 60; i++) {
      f.advance(INTERVAL_MS);
      f.send();
      assertSame(LinkOutcome.UNCHANGED, f.poll());
    }
    assertEquals(LinkPhase.CONNECTING, link.phase());
  }

  @Test
  void oneDirectionFailingAfterTheOtherKeepsTheLinkDownThroughout() {
    f.bringUp();
    long lastHeardByPeer = f.now();
    f.advance(TIMEOUT_MS + 1);
    f.poll();
    assertEquals(GapCause.PEER_SILENT, ((DownState) link.state()).cause());
    for (int i = 0; i < 30; i++) {
      f.advance(INTERVAL_MS);
      f.send();
      assertSame(LinkOutcome.UNCHANGED, f.hearEchoing(lastHeardByPeer), "inbound is back, outbound is not");
    }
    assertTransitions(f.beat(), "DOWN -> PROBATION", LinkAction.NONE);
  }
}
