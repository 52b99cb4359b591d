package io.tandem.mirror.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two machines, one per site, wired back to back with latency and clocks that disagree by hours: the echo carries
 * each side's own send time back to it, so neither ever compares the other's clock with its own.
 */
class LinkPairTest {
  private static final LinkTimings TIMINGS = new LinkTimings(1000, 5000, 10_000);
  private static final long LATENCY_MS = 150;
  private static final long TICK_MS = 50;

  @Test
  void bothSitesComeUpTogetherAfterOneProbation() {
    Pair pair = new Pair();
    pair.runFor(9_000);
    assertEquals(LinkPhase.PROBATION, pair.a.link.phase());
    assertEquals(LinkPhase.PROBATION, pair.b.link.phase());
    pair.runFor(5_000);
    assertEquals(LinkPhase.UP, pair.a.link.phase());
    assertEquals(LinkPhase.UP, pair.b.link.phase());
    pair.runFor(120_000);
    assertEquals(3, pair.a.link.transitionCount(), "a sound link with latency stays UP");
    assertEquals(3, pair.b.link.transitionCount());
    assertEquals(7, pair.a.link.highestPeerEpoch());
    assertEquals(4, pair.b.link.highestPeerEpoch());
  }

  @Test
  void cuttingOneDirectionTakesBothSitesDownEachForItsOwnReason() {
    Pair pair = new Pair();
    pair.runFor(20_000);
    pair.aToBCut = true;
    pair.runFor(TIMINGS.heartbeatTimeoutMs() + 3 * TIMINGS.heartbeatIntervalMs());
    assertEquals(GapCause.PEER_SILENT, ((DownState) pair.b.link.state()).cause(), "B no longer hears A");
    assertEquals(GapCause.PEER_NOT_HEARING_US, ((DownState) pair.a.link.state()).cause(),
        "A still hears B, but B's echoes of A's heartbeats have stopped advancing");
    pair.runFor(60_000);
    assertEquals(LinkPhase.DOWN, pair.a.link.phase(), "one direction never brings the link back");
    assertEquals(LinkPhase.DOWN, pair.b.link.phase());

    pair.aToBCut = false;
    pair.runFor(5_000);
    assertEquals(LinkPhase.PROBATION, pair.a.link.phase());
    assertEquals(LinkPhase.PROBATION, pair.b.link.phase());
    pair.runFor(10_000);
    assertEquals(LinkPhase.UP, pair.a.link.phase());
    assertEquals(LinkPhase.UP, pair.b.link.phase());
    assertTrue(pair.a.closes == 1 && pair.b.closes == 1, "each side closed its connections once");
  }

  /** One site: its machine on its own clock, and a driver that replays instantly and counts closes. */
  private static final class Site {
    final long clockOffsetMs;
    final long epoch;
    final LinkStateMachine link;
    int closes;

    Site(long clockOffsetMs, long epoch) {
      this.clockOffsetMs = clockOffsetMs;
      this.epoch = epoch;
      this.link = new LinkStateMachine(TIMINGS, clockOffsetMs);
    }

    long clock(long worldMs) {
      return worldMs + clockOffsetMs;
    }

    PeerHeartbeat heartbeat(long worldMs) {
      return new PeerHeartbeat(epoch, clock(worldMs), link.echoForPeer());
    }

    void apply(long worldMs, LinkOutcome outcome) {
      for (LinkTransition t : outcome.transitions()) {
        if (t.action() == LinkAction.CLOSE_CONNECTIONS) {
          closes++;
        } else if (t.action() == LinkAction.START_REPLAY) {
          apply(worldMs, link.onBacklogDrained(clock(worldMs), t.replayId()));
        }
      }
    }
  }

  private static final class Heartbeat {
    final long deliverAtMs;
    final Site to;
    final PeerHeartbeat heartbeat;

    Heartbeat(long deliverAtMs, Site to, PeerHeartbeat heartbeat) {
      this.deliverAtMs = deliverAtMs;
      this.to = to;
      this.heartbeat = heartbeat;
    }
  }

  private static final class Pair {
    final Site a = new Site(0, 4);
    final Site b = new Site(-7 * 3_600_000L, 7);
    final List<Heartbeat> inFlight = new ArrayList<>();
    boolean aToBCut;
    long worldMs;

    void runFor(long ms) {
      for (long end = worldMs + ms; worldMs < end; worldMs += TICK_MS) {
        if (worldMs % TIMINGS.heartbeatIntervalMs() == 0) {
          if (!aToBCut) {
            inFlight.add(new Heartbeat(worldMs + LATENCY_MS, b, a.heartbeat(worldMs)));
          }
          inFlight.add(new Heartbeat(worldMs + LATENCY_MS, a, b.heartbeat(worldMs)));
        }
        List<Heartbeat> due = new ArrayList<>();
        inFlight.removeIf(h -> h.deliverAtMs <= worldMs && due.add(h));
        for (Heartbeat h : due) {
          h.to.apply(worldMs, h.to.link.onHeartbeat(h.to.clock(worldMs), h.heartbeat));
        }
        a.apply(worldMs, a.link.poll(a.clock(worldMs)));
        b.apply(worldMs, b.link.poll(b.clock(worldMs)));
      }
    }
  }
}
