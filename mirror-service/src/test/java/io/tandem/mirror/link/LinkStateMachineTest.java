package io.tandem.mirror.link;

import static io.tandem.mirror.link.LinkFixture.INTERVAL_MS;
import static io.tandem.mirror.link.LinkFixture.PROBATION_MS;
import static io.tandem.mirror.link.LinkFixture.START_MS;
import static io.tandem.mirror.link.LinkFixture.TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Startup, gaps, probation and replay, one scenario at a time on a fake clock. */
class LinkStateMachineTest {
  private final LinkFixture f = new LinkFixture();
  private final LinkStateMachine link = f.link;

  @Test
  void startsConnectingAndQueues() {
    assertEquals(LinkPhase.CONNECTING, link.phase());
    assertEquals(START_MS, link.sinceMs());
    assertEquals(LinkStateMachine.NEVER, link.lastHeardFromPeerMs());
    assertEquals(LinkStateMachine.NEVER, link.peerHeardUsSentAtMs());
    assertEquals(LinkStateMachine.NEVER, link.echoForPeer());
    assertEquals(LinkStateMachine.NO_EPOCH, link.highestPeerEpoch());
    assertEquals(0, link.transitionCount());
    assertEquals(0, link.gapsDetected());
    assertTrue(link.shouldQueue());
    assertFalse(link.acceptsLiveTraffic());
    assertEquals(Long.MAX_VALUE, link.nextDeadlineMs());
    f.advance(60_000);
    assertSame(LinkOutcome.UNCHANGED, f.poll(), "no contact yet is no gap");
  }

  @Test
  void normalStartupGoesThroughProbationAndReplayToUp() {
    f.send();
    f.advance(100);
    LinkOutcome contact = f.hear();
    assertTransitions(contact, "CONNECTING -> PROBATION", LinkAction.NONE);
    ProbationState probation = (ProbationState) link.state();
    assertEquals(START_MS + 100, probation.sinceMs());
    assertEquals(START_MS + 100 + PROBATION_MS, probation.endsMs());
    assertEquals(START_MS + 100, link.lastHeardFromPeerMs());
    assertEquals(START_MS, link.peerHeardUsSentAtMs());

    for (int i = 1; i < PROBATION_MS / INTERVAL_MS; i++) {
      assertSame(LinkOutcome.UNCHANGED, f.beat(), "beat " + i + " is still inside probation");
      assertTrue(link.shouldQueue());
    }
    f.advance(INTERVAL_MS - 1);
    assertSame(LinkOutcome.UNCHANGED, f.poll(), "one ms before the end of probation");
    f.advance(1);
    LinkOutcome replay = f.poll();
    assertTransitions(replay, "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
    assertEquals(1, replay.transitions().get(0).replayId());
    assertEquals(List.of(LinkAction.START_REPLAY), replay.actions());
    assertTrue(link.shouldQueue(), "live requests queue behind the backlog while it replays");
    assertFalse(link.acceptsLiveTraffic());

    assertSame(LinkOutcome.UNCHANGED, f.beat(), "replay ends only when the driver says so");
    LinkOutcome up = f.drained(1);
    assertTransitions(up, "REPLAYING -> UP", LinkAction.SEND_LIVE_TRAFFIC);
    assertTrue(link.acceptsLiveTraffic());
    assertFalse(link.shouldQueue());
    assertEquals(f.now(), link.sinceMs());
    assertEquals(3, link.transitionCount());
    assertEquals(0, link.gapsDetected());
  }

  @Test
  void silenceOfExactlyTheTimeoutIsNotAGapButOneMsMoreIs() {
    f.bringUp();
    long lastHeard = link.lastHeardFromPeerMs();
    f.advance(TIMEOUT_MS);
    assertSame(LinkOutcome.UNCHANGED, f.poll());
    f.advance(1);
    LinkOutcome down = f.poll();
    assertTransitions(down, "UP -> DOWN", LinkAction.CLOSE_CONNECTIONS);
    assertEquals(GapCause.PEER_SILENT, ((DownState) link.state()).cause());
    assertEquals(lastHeard + TIMEOUT_MS + 1, link.sinceMs());
    assertEquals(1, link.gapsDetected());
    assertTrue(link.shouldQueue());
    assertSame(LinkOutcome.UNCHANGED, f.poll(), "a DOWN link reports its gap once");
  }

  @Test
  void heartbeatEndingALongSilenceReportsTheGapThenStartsProbation() {
    f.bringUp();
    f.advance(TIMEOUT_MS + 2000);
    f.send();
    LinkOutcome outcome = f.hear();
    assertEquals(2, outcome.transitions().size(), outcome.toString());
    assertEquals("UP -> DOWN", edge(outcome.transitions().get(0)));
    assertEquals("DOWN -> PROBATION", edge(outcome.transitions().get(1)));
    assertEquals(List.of(LinkAction.CLOSE_CONNECTIONS), outcome.actions(),
        "the gap happened even though nothing polled during it: the connections must close");
    assertEquals(1, link.gapsDetected());
    assertEquals(f.now(), link.sinceMs(), "the new probation counts from the heartbeat that ended the gap");
  }

  @Test
  void heartbeatsReturningAfterDownReconnectOnlyAfterAFullProbation() {
    f.bringUp();
    f.advance(TIMEOUT_MS + 1);
    f.poll();
    assertEquals(LinkPhase.DOWN, link.phase());
    f.advance(30_000);
    assertSame(LinkOutcome.UNCHANGED, f.poll(), "DOWN stays DOWN without heartbeats");

    assertTransitions(f.beat(), "DOWN -> PROBATION", LinkAction.NONE);
    long probationStart = f.now();
    LinkOutcome replay = f.beatFor(PROBATION_MS);
    assertTransitions(replay, "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
    assertEquals(probationStart + PROBATION_MS, replay.transitions().get(0).atMs());
    assertEquals(2, replay.transitions().get(0).replayId(), "each replay gets a new id");
    assertTransitions(f.drained(2), "REPLAYING -> UP", LinkAction.SEND_LIVE_TRAFFIC);
  }

  @Test
  void gapDuringProbationReturnsToDownAndTheNextProbationStartsFromZero() {
    f.send();
    f.hear();
    f.beatFor(PROBATION_MS - INTERVAL_MS);
    f.advance(TIMEOUT_MS + 1);
    LinkOutcome down = f.poll();
    assertTransitions(down, "PROBATION -> DOWN", LinkAction.NONE);
    assertTrue(down.actions().isEmpty(), "probation never opened the connections, so nothing to close");
    assertEquals(1, link.gapsDetected());

    f.advance(3000);
    assertSame(LinkOutcome.UNCHANGED, f.poll(), "probation restarts only when heartbeats return");
    assertTransitions(f.beat(), "DOWN -> PROBATION", LinkAction.NONE);
    long restart = f.now();
    assertEquals(restart + PROBATION_MS, ((ProbationState) link.state()).endsMs());
    f.beatFor(PROBATION_MS - INTERVAL_MS);
    assertEquals(LinkPhase.PROBATION, link.phase(), "the time spent in the failed probation does not count");
    assertTransitions(f.beat(), "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
  }

  @Test
  void gapDuringReplayClosesConnectionsAndTheOldReplaysDrainedReportIsIgnored() {
    f.send();
    f.hear();
    long firstReplay = f.beatFor(PROBATION_MS).transitions().get(0).replayId();
    f.advance(TIMEOUT_MS + 1);
    assertTransitions(f.poll(), "REPLAYING -> DOWN", LinkAction.CLOSE_CONNECTIONS);
    assertSame(LinkOutcome.UNCHANGED, f.drained(firstReplay), "a drained report after the gap changes nothing");
    assertEquals(LinkPhase.DOWN, link.phase());

    f.beat();
    long secondReplay = f.beatFor(PROBATION_MS).transitions().get(0).replayId();
    assertEquals(firstReplay + 1, secondReplay);
    assertSame(LinkOutcome.UNCHANGED, f.drained(firstReplay), "the first replay's late report cannot end the second");
    assertEquals(LinkPhase.REPLAYING, link.phase());
    assertTransitions(f.drained(secondReplay), "REPLAYING -> UP", LinkAction.SEND_LIVE_TRAFFIC);
  }

  @Test
  void drainedReportThatArrivesAfterAnUnpolledGapPutsTheLinkDownNotUp() {
    f.send();
    f.hear();
    long replayId = f.beatFor(PROBATION_MS).transitions().get(0).replayId();
    f.advance(TIMEOUT_MS + 1);
    assertTransitions(f.drained(replayId), "REPLAYING -> DOWN", LinkAction.CLOSE_CONNECTIONS);
  }

  @Test
  void drainedReportForAReplayNeverStartedIsRefusedWithoutEffect() {
    f.send();
    f.hear();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.drained(1));
    assertTrue(e.getMessage().contains("replay 1") && e.getMessage().contains("PROBATION"), e.getMessage());
    assertEquals(LinkPhase.PROBATION, link.phase());
    assertEquals(1, link.transitionCount());
    assertThrows(IllegalArgumentException.class, () -> f.drained(0));
  }

  @Test
  void timeGoingBackwardsIsRefusedNamingBothTimesAndTheState() {
    f.bringUp();
    LinkState before = link.state();
    long transitions = link.transitionCount();
    long now = f.now();
    long lastHeard = link.lastHeardFromPeerMs();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> link.poll(now - 1));
    assertTrue(e.getMessage().contains(Long.toString(now - 1)), e.getMessage());
    assertTrue(e.getMessage().contains(Long.toString(now)), e.getMessage());
    assertTrue(e.getMessage().contains("UP"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> link.onHeartbeat(now - 1, new PeerHeartbeat(1, 0, now - 1)));
    assertThrows(IllegalArgumentException.class, () -> link.onBacklogDrained(now - 1000, 1));

    assertSame(before, link.state());
    assertEquals(transitions, link.transitionCount());
    assertEquals(lastHeard, link.lastHeardFromPeerMs(), "a refused heartbeat leaves no trace");
    assertSame(LinkOutcome.UNCHANGED, link.poll(now), "the same time again is fine");
  }

  @Test
  void nextDeadlineIsWhenAPollFirstFindsSomething() {
    f.send();
    f.advance(2000);
    f.hear();
    assertEquals(LinkPhase.PROBATION, link.phase(), "an echo 2 s older than its heartbeat still says 'I hear you'");
    long silentFrom = f.now() + TIMEOUT_MS + 1;
    assertEquals(silentFrom, link.nextDeadlineMs());
    f.advance(TIMEOUT_MS);
    assertSame(LinkOutcome.UNCHANGED, f.poll());
    f.advance(1);
    assertEquals(LinkPhase.DOWN, f.poll().transitions().get(0).to().phase());
    assertEquals(GapCause.PEER_SILENT, ((DownState) link.state()).cause());
    assertEquals(Long.MAX_VALUE, link.nextDeadlineMs(), "only a heartbeat can lift DOWN");

    f.beat();
    long probationEnd = ((ProbationState) link.state()).endsMs();
    assertEquals(f.now() + TIMEOUT_MS + 1, link.nextDeadlineMs());
    f.beatFor(6 * INTERVAL_MS);
    assertEquals(probationEnd, link.nextDeadlineMs(), "near its end, probation ends before anything can go stale");
    f.advance(probationEnd - f.now());
    assertTransitions(f.poll(), "PROBATION -> REPLAYING", LinkAction.START_REPLAY);
    assertEquals(link.lastHeardFromPeerMs() + TIMEOUT_MS + 1, link.nextDeadlineMs());
  }

  @Test
  void zeroProbationReconnectsOnTheFirstHealthyHeartbeat() {
    LinkFixture quick = new LinkFixture(new LinkTimings(INTERVAL_MS, TIMEOUT_MS, 0));
    quick.send();
    LinkOutcome outcome = quick.hear();
    assertEquals(2, outcome.transitions().size(), outcome.toString());
    assertEquals("PROBATION -> REPLAYING", edge(outcome.transitions().get(1)));
    assertEquals(List.of(LinkAction.START_REPLAY), outcome.actions());
  }

  @Test
  void echoForPeerIsTheSendTimeOfTheLastHeartbeatReceived() {
    f.send();
    link.onHeartbeat(f.now(), new PeerHeartbeat(1, 42, PeerHeartbeat.NOT_HEARD));
    assertEquals(42, link.echoForPeer());
    f.advance(10);
    link.onHeartbeat(f.now(), new PeerHeartbeat(1, 41, PeerHeartbeat.NOT_HEARD));
    assertEquals(41, link.echoForPeer(),
        "the peer's clock is its own: after a restart it may run lower, and the peer must still recognise it");
  }

  @Test
  void transitionsAreCountedAndEveryOneIsInAnOutcome() {
    f.bringUp();
    f.advance(TIMEOUT_MS + 1);
    f.poll();
    f.beat();
    assertEquals(5, link.transitionCount());
    assertEquals(1, link.gapsDetected());
    assertTrue(link.toString().contains("PROBATION"), link.toString());
  }

  static void assertTransitions(LinkOutcome outcome, String edge, LinkAction action) {
    assertEquals(1, outcome.transitions().size(), "expected only " + edge + ", got " + outcome);
    LinkTransition t = outcome.transitions().get(0);
    assertEquals(edge, edge(t));
    assertEquals(action, t.action(), outcome.toString());
  }

  static String edge(LinkTransition t) {
    return t.from().phase() + " -> " + t.to().phase();
  }
}
