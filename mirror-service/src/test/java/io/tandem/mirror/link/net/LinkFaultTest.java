package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.link.DownState;
import io.tandem.mirror.link.GapCause;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.link.ReplayingState;
import io.tandem.mirror.link.fault.FaultProxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link through a {@link FaultProxy} that cuts it. Every wait ends on an event (a state change the listener
 * heard, a counter), never on elapsed time. Probation is long enough that a restore which is cut again as soon as
 * probation begins is detected (within the heartbeat timeout) well before probation could pass.
 */
class LinkFaultTest {
  private static final long INTERVAL_MS = 50;
  private static final long TIMEOUT_MS = 300;
  private static final long PROBATION_MS = 800;
  private static final LinkTimings TIMINGS = new LinkTimings(INTERVAL_MS, TIMEOUT_MS, PROBATION_MS);
  /**
   * The gap is declared by a poll scheduled for the moment the last heartbeat turns stale; this is how late the
   * driver thread may wake on a loaded machine on top of the interval the bound already grants.
   */
  private static final long SCHEDULING_ALLOWANCE_MS = 150;
  private static final long WAIT_S = TestLinks.WAIT.getSeconds();

  private TransportRig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  private void startUp(RecordingLinkListener listener) throws Exception {
    rig = TransportRig.viaProxy(TestLinks.config(2, TIMINGS), listener);
    RecordingLinkListener.Change replaying = rig.awaitChange(LinkPhase.REPLAYING, 0);
    if (rig.listener.first(LinkPhase.UP, 0) == null) {
      rig.link.backlogDrained(((ReplayingState) replaying.to()).replayId());
    }
    rig.awaitUpAndConnected();
  }

  private static Throwable failureOf(CompletableFuture<byte[]> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT_S, TimeUnit.SECONDS));
    return e.getCause();
  }

  /** Sends one request and asserts it fails before send returns, with {@link LinkDownException}. */
  private void assertSendFailsFast() {
    CompletableFuture<byte[]> refused = rig.link.send(1, RecordingHandler.payload(0, -1), 0);
    assertTrue(refused.isCompletedExceptionally(), "failed at once");
    assertInstanceOf(LinkDownException.class, failureOf(refused));
  }

  /** Cuts with {@code cut}, waits for DOWN and checks it came within the timeout plus one interval of the cut. */
  private DownState cutAndAwaitDown(Runnable cut) {
    int mark = rig.listener.mark();
    long cutAtMs = rig.clock.getAsLong();
    cut.run();
    RecordingLinkListener.Change down = rig.awaitChange(LinkPhase.DOWN, mark);
    long detectedAfterMs = down.to().sinceMs() - cutAtMs;
    assertTrue(detectedAfterMs <= TIMEOUT_MS + INTERVAL_MS + SCHEDULING_ALLOWANCE_MS,
        "DOWN " + detectedAfterMs + " ms after the cut");
    return (DownState) down.to();
  }

  @Test
  void blackholeTakesTheLinkDownAndItComesBackThroughProbationAndReplay() throws Exception {
    startUp(RecordingLinkListener.manual());
    CompletableFuture<byte[]> inFlight = rig.link.send(1, RecordingHandler.payload(RecordingHandler.HOLD_KEY, 0), 0);
    await().atMost(TestLinks.WAIT).until(() -> rig.handler.heldCount() == 1);

    DownState down = cutAndAwaitDown(rig.proxy::blackhole);
    assertEquals(GapCause.PEER_SILENT, down.cause());
    Throwable lost = failureOf(inFlight);
    assertInstanceOf(LinkDownException.class, lost, "requests in flight go back to the backlog");
    assertTrue(lost.getMessage().contains("went DOWN"), lost.getMessage());
    assertSendFailsFast();
    assertEquals(1, rig.link.status().gapsDetected());

    int mark = rig.listener.mark();
    long handledBefore = rig.handler.handled();
    rig.proxy.pass();
    RecordingLinkListener.Change probation = rig.awaitChange(LinkPhase.PROBATION, mark);
    assertSendFailsFast();
    RecordingLinkListener.Change replaying = rig.awaitChange(LinkPhase.REPLAYING, mark);
    assertTrue(replaying.to().sinceMs() - probation.to().sinceMs() >= PROBATION_MS,
        "replay starts only after a full probation");

    // Replaying: requests flow (the backlog), but the link is not UP until the listener says the backlog drained.
    assertArrayEquals(RecordingHandler.payload(5, 5), rig.link.send(1, RecordingHandler.payload(5, 5), 5)
        .get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(handledBefore + 1, rig.handler.handled());
    assertEquals(LinkPhase.REPLAYING, rig.link.state().phase());
    rig.link.backlogDrained(((ReplayingState) replaying.to()).replayId());
    rig.awaitChange(LinkPhase.UP, mark);
    assertEquals(List.of(LinkPhase.PROBATION, LinkPhase.REPLAYING, LinkPhase.UP), rig.listener.phasesSince(mark));
    rig.awaitUpAndConnected();
  }

  @Test
  void aCutDuringProbationPutsTheLinkBackDown() throws Exception {
    startUp(RecordingLinkListener.drainingAtOnce());
    cutAndAwaitDown(rig.proxy::blackhole);

    int mark = rig.listener.mark();
    rig.proxy.pass();
    rig.awaitChange(LinkPhase.PROBATION, mark);
    DownState down = cutAndAwaitDown(rig.proxy::blackhole);
    assertEquals(List.of(LinkPhase.PROBATION, LinkPhase.DOWN), rig.listener.phasesSince(mark));
    assertEquals(LinkPhase.PROBATION, rig.listener.first(LinkPhase.DOWN, mark).from().phase());
    assertEquals(GapCause.PEER_SILENT, down.cause());
    assertSendFailsFast();

    int restored = rig.listener.mark();
    rig.proxy.pass();
    rig.awaitChange(LinkPhase.UP, restored);
    assertEquals(List.of(LinkPhase.PROBATION, LinkPhase.REPLAYING, LinkPhase.UP),
        rig.listener.phasesSince(restored));
  }

  @Test
  void resetTakesTheLinkDownAndItComesBackOnPass() throws Exception {
    startUp(RecordingLinkListener.drainingAtOnce());
    int mark = rig.listener.mark();
    DownState down = cutAndAwaitDown(rig.proxy::reset);
    assertEquals(GapCause.PEER_SILENT, down.cause());
    assertSendFailsFast();
    await().atMost(TestLinks.WAIT).until(() -> rig.server.connections().isEmpty());
    // The probe keeps trying and is refused each time.
    long accepted = rig.proxy.acceptedConnections();
    await().atMost(TestLinks.WAIT).until(() -> rig.proxy.acceptedConnections() >= accepted + 2);
    assertEquals(LinkPhase.DOWN, rig.link.state().phase());

    rig.proxy.pass();
    rig.awaitChange(LinkPhase.UP, mark);
    assertEquals(List.of(LinkPhase.DOWN, LinkPhase.PROBATION, LinkPhase.REPLAYING, LinkPhase.UP),
        rig.listener.phasesSince(mark));
    rig.awaitUpAndConnected();
    assertArrayEquals(RecordingHandler.payload(1, 1), rig.link.send(1, RecordingHandler.payload(1, 1), 1)
        .get(WAIT_S, TimeUnit.SECONDS));
  }

  @Test
  void aFlappingLinkNeverReachesReplayOrUp() throws Exception {
    startUp(RecordingLinkListener.drainingAtOnce());
    cutAndAwaitDown(rig.proxy::blackhole);
    int mark = rig.listener.mark();
    long gapsBefore = rig.link.status().gapsDetected();
    int flaps = 4;
    for (int i = 0; i < flaps; i++) {
      // Each restore lasts only until probation begins, far shorter than probation; cuts alternate in kind.
      int restored = rig.listener.mark();
      rig.proxy.pass();
      rig.awaitChange(LinkPhase.PROBATION, restored);
      cutAndAwaitDown(i % 2 == 0 ? rig.proxy::blackhole : rig.proxy::reset);
    }
    assertNull(rig.listener.first(LinkPhase.REPLAYING, mark), rig.listener.phasesSince(mark).toString());
    assertNull(rig.listener.first(LinkPhase.UP, mark));
    assertEquals(gapsBefore + flaps, rig.link.status().gapsDetected(), "each cut during probation was a gap");
    assertEquals(0, rig.handler.handled(), "no request crossed");

    int stable = rig.listener.mark();
    rig.proxy.pass();
    rig.awaitChange(LinkPhase.UP, stable);
  }

  @Test
  void whenWeStopHearingThePeerTheLinkGoesDownEvenThoughThePeerHearsUs() throws Exception {
    startUp(RecordingLinkListener.drainingAtOnce());
    long handledBefore = rig.handler.handled();
    DownState down = cutAndAwaitDown(() -> {
      rig.proxy.blackhole(FaultProxy.Direction.TO_CLIENT);
      // Sent after the cut: it reaches the peer, its response does not come back.
      CompletableFuture<byte[]> oneWay = rig.link.send(1, RecordingHandler.payload(9, 9), 9);
      assertInstanceOf(LinkDownException.class, failureOf(oneWay));
    });
    assertEquals(GapCause.PEER_SILENT, down.cause());
    assertEquals(handledBefore + 1, rig.handler.handled(), "the peer heard us");
    assertEquals(List.of(9), rig.handler.arrivals(9));
    assertSendFailsFast();

    int mark = rig.listener.mark();
    rig.proxy.pass();
    rig.awaitChange(LinkPhase.UP, mark);
  }

  @Test
  void whenThePeerStopsHearingUsTheLinkGoesDown() throws Exception {
    startUp(RecordingLinkListener.drainingAtOnce());
    DownState down = cutAndAwaitDown(() -> rig.proxy.blackhole(FaultProxy.Direction.TO_SERVER));
    // The peer answers only what it hears, so from here its silence is what shows the cut.
    assertEquals(GapCause.PEER_SILENT, down.cause());
    assertFalse(rig.link.acceptsRequests());
    int mark = rig.listener.mark();
    rig.proxy.pass();
    rig.awaitChange(LinkPhase.UP, mark);
  }
}
