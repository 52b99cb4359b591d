package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tandem.mirror.link.DownState;
import io.tandem.mirror.link.GapCause;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkTimings;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link PeerLink} on a clock the test moves by hand, over real sockets: probation and gaps are measured on the
 * link's clock alone, so these checks are exact and independent of how fast the machine runs. The clock moves in
 * steps shorter than the heartbeat timeout, and after each step the test waits until a heartbeat answered at the new
 * time has reached the state machine.
 */
class PeerLinkClockTest {
  private static final LinkTimings TIMINGS = new LinkTimings(50, 300, 1000);
  private static final long STEP_MS = 250;

  private final AtomicLong clock = new AtomicLong(5_000_000);
  private final RecordingHandler handler = new RecordingHandler();
  private final RecordingLinkListener listener = RecordingLinkListener.manual();
  private LinkServer server;
  private PeerLink link;

  @BeforeEach
  void start() throws Exception {
    LinkTransportConfig config = TestLinks.config(2, TIMINGS);
    server = LinkServer.builder(TestLinks.anyLoopbackPort(), config, TestLinks.receiverAuth(),
        RequestRoutes.of(handler)).build();
    server.start();
    link = PeerLink.builder(TestLinks.RECEIVER, server.boundAddress(), config, TestLinks.senderAuth())
        .listener(listener).clock(clock::get).build();
    link.start();
  }

  @AfterEach
  void stop() {
    link.close();
    server.close();
  }

  /** Moves the clock and waits until the machine took a heartbeat at the new time. */
  private void advance(long ms) {
    long now = clock.addAndGet(ms);
    await().atMost(TestLinks.WAIT).pollInterval(TestLinks.POLL)
        .until(() -> link.status().lastHeardFromPeerMs() == now);
  }

  @Test
  void probationLastsExactlyItsLengthOnTheLinksClock() {
    await().atMost(TestLinks.WAIT).until(() -> listener.first(LinkPhase.PROBATION, 0) != null);
    long probationStart = listener.first(LinkPhase.PROBATION, 0).to().sinceMs();
    assertEquals(5_000_000, probationStart, "the clock has not moved yet");

    advance(STEP_MS);
    advance(STEP_MS);
    advance(STEP_MS);
    advance(TIMINGS.probationMs() - 3 * STEP_MS - 1);
    assertEquals(LinkPhase.PROBATION, link.state().phase(), "1 ms short of probation");
    assertNull(listener.first(LinkPhase.REPLAYING, 0));

    clock.incrementAndGet();
    await().atMost(TestLinks.WAIT).until(() -> listener.first(LinkPhase.REPLAYING, 0) != null);
    assertEquals(probationStart + TIMINGS.probationMs(), listener.first(LinkPhase.REPLAYING, 0).to().sinceMs());
  }

  @Test
  void aSilenceLongerThanTheTimeoutOnTheLinksClockIsAGap() {
    await().atMost(TestLinks.WAIT).until(() -> listener.first(LinkPhase.PROBATION, 0) != null);
    advance(STEP_MS);
    assertEquals(LinkPhase.PROBATION, link.state().phase(), "a silence of one step is no gap");

    long jumpedTo = clock.addAndGet(TIMINGS.heartbeatTimeoutMs() + 100);
    await().atMost(TestLinks.WAIT).until(() -> listener.first(LinkPhase.DOWN, 0) != null);
    DownState down = assertInstanceOf(DownState.class, listener.first(LinkPhase.DOWN, 0).to());
    assertEquals(jumpedTo, down.sinceMs(), "declared at the first event after the jump");
    assertEquals(GapCause.PEER_SILENT, down.cause());

    // The clock stands still again, so the heartbeats that keep coming are healthy: probation starts over.
    int mark = listener.indexOf(LinkPhase.DOWN, 0) + 1;
    await().atMost(TestLinks.WAIT).until(() -> listener.first(LinkPhase.PROBATION, mark) != null);
    assertEquals(jumpedTo, listener.first(LinkPhase.PROBATION, mark).to().sinceMs());
  }
}
