package io.tandem.mirror.link;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One seeded run: random events against a machine, with every invariant checked after every event. A failure names
 * the seed and the event, so it replays exactly.
 */
final class LinkSimulation {
  /** Every transition the machine may make, restated. */
  static final Set<String> EDGES = Set.of("CONNECTING->PROBATION", "DOWN->PROBATION", "PROBATION->REPLAYING",
      "PROBATION->DOWN", "REPLAYING->UP", "REPLAYING->DOWN", "UP->DOWN");

  private final long seed;
  private final Random random;
  private final LinkTimings timings;
  private final LinkStateMachine link;
  private final LinkOracle oracle;
  private final SimulatedPeer peer;
  private final Map<String, Integer> coverage = new TreeMap<>();
  private long nowMs;
  private long lastMachineEventMs;
  private long replaysStarted;
  private long currentReplayId = -1;
  private long deadlineMs = Long.MAX_VALUE;
  private long goodSinceMs = LinkStateMachine.NEVER;
  private long lastDownMs;
  private String context = "";

  LinkSimulation(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    long interval = 50 + random.nextInt(151);
    long timeout = interval * (2 + random.nextInt(4)) + random.nextInt((int) interval);
    long probation = random.nextInt(5) == 0 ? 0 : interval * (3 + random.nextInt(15));
    this.timings = new LinkTimings(interval, timeout, probation);
    this.nowMs = random.nextLong() / 8;
    this.lastDownMs = nowMs;
    this.lastMachineEventMs = nowMs;
    this.link = new LinkStateMachine(timings, nowMs);
    this.oracle = new LinkOracle(timeout);
    this.peer = new SimulatedPeer(random, timings, oracle, nowMs);
  }

  Map<String, Integer> coverage() {
    return coverage;
  }

  void run(int events) {
    for (int i = 0; i < events; i++) {
      peer.maybeChangeRegime();
      nowMs += peer.nextDelayMs();
      int dice = random.nextInt(100);
      if (dice < 2) {
        goBackInTime(i);
      } else if (dice < 3) {
        drainReplayNeverStarted(i);
      } else if (dice < 33) {
        oracle.weSent(nowMs);
        count("sent");
      } else if (dice < 70 && peer.sends()) {
        PeerHeartbeat heartbeat = peer.heartbeat(nowMs);
        step(i, heartbeat.toString(), () -> link.onHeartbeat(nowMs, heartbeat), () -> oracle.heard(nowMs, heartbeat));
      } else if (dice < 85 && replaysStarted > 0) {
        long replayId = random.nextInt(4) == 0 ? 1 + random.nextInt((int) replaysStarted) : replaysStarted;
        step(i, "drained " + replayId, () -> link.onBacklogDrained(nowMs, replayId), () -> { });
      } else {
        boolean beforeDeadline = nowMs < deadlineMs;
        LinkOutcome outcome = step(i, "poll", () -> link.poll(nowMs), () -> { });
        check(!beforeDeadline || !outcome.changed(), "a poll before deadline " + deadlineMs + " changed " + outcome);
      }
    }
  }

  private LinkOutcome step(int index, String event, Step machineStep, Runnable oracleStep) {
    context = "seed " + seed + " (" + timings + "), event " + index + " at " + nowMs + " in " + peer.regime() + ", "
        + event + ", link " + link.state() + ": ";
    LinkState before = link.state();
    long transitionsBefore = link.transitionCount();
    long gapsBefore = link.gapsDetected();
    boolean healthyBefore = oracle.healthy(nowMs);
    if (!healthyBefore) {
      goodSinceMs = LinkStateMachine.NEVER;
    }

    LinkOutcome outcome = machineStep.apply();
    lastMachineEventMs = nowMs;
    oracleStep.run();
    boolean healthyAfter = oracle.healthy(nowMs);
    if (!healthyAfter) {
      goodSinceMs = LinkStateMachine.NEVER;
    } else if (goodSinceMs == LinkStateMachine.NEVER) {
      goodSinceMs = nowMs;
    }

    checkOutcome(before, outcome, transitionsBefore, gapsBefore, healthyBefore);
    checkState(healthyAfter);
    deadlineMs = link.nextDeadlineMs();
    check(deadlineMs > nowMs, "deadline " + deadlineMs + " is not after now");
    return outcome;
  }

  /** Every change comes as an outcome: a chain of transitions from the old state to the new, each with its action. */
  private void checkOutcome(LinkState before, LinkOutcome outcome, long transitionsBefore, long gapsBefore,
      boolean healthyBefore) {
    check(outcome.changed() == (link.state() != before), "outcome " + outcome + " does not match the state change");
    check(link.transitionCount() - transitionsBefore == outcome.transitions().size(), "transition count off");
    if (before.phase().watchesForGaps() && !healthyBefore) {
      check(outcome.changed() && outcome.transitions().get(0).to().phase() == LinkPhase.DOWN,
          "a gap before the event must put the link DOWN first, got " + outcome);
    }
    LinkState expectedFrom = before;
    long downs = 0;
    for (LinkTransition t : outcome.transitions()) {
      check(t.from() == expectedFrom, "transition " + t + " does not continue from " + expectedFrom);
      check(t.atMs() == nowMs, "transition " + t + " is not stamped with the event's time");
      String edge = t.from().phase() + "->" + t.to().phase();
      check(EDGES.contains(edge), "no such transition: " + t);
      check(t.action() == expectedAction(t.from().phase(), t.to().phase()), "wrong action in " + t);
      count(edge);
      if (t.to().phase() == LinkPhase.DOWN) {
        downs++;
        lastDownMs = nowMs;
        count(((DownState) t.to()).cause().name());
      }
      if (t.to().phase() == LinkPhase.REPLAYING) {
        checkProbationWasClean(t);
      }
      if (t.to().phase() == LinkPhase.UP) {
        check(t.from() instanceof ReplayingState && ((ReplayingState) t.from()).replayId() == currentReplayId,
            "UP must end the current replay, whose probation was checked; came from " + t.from());
      }
      expectedFrom = t.to();
    }
    check(expectedFrom == link.state(), "the outcome does not end in the machine's state");
    check(link.gapsDetected() - gapsBefore == downs, "gap count off: " + downs + " transitions to DOWN");
  }

  /** Entering REPLAYING: a full probation of continuous good heartbeats, begun after the last DOWN. */
  private void checkProbationWasClean(LinkTransition t) {
    LinkState probation = t.from();
    check(probation.phase() == LinkPhase.PROBATION, "REPLAYING entered from " + probation);
    check(probation.sinceMs() >= lastDownMs, "probation " + probation + " began before the last DOWN at " + lastDownMs);
    check(nowMs - probation.sinceMs() >= timings.probationMs(), "probation " + probation + " was cut short");
    check(goodSinceMs != LinkStateMachine.NEVER && goodSinceMs <= probation.sinceMs(),
        "heartbeats were not good throughout " + probation + ": good only since " + goodSinceMs);
    replaysStarted++;
    check(t.replayId() == replaysStarted, "replay ids must count from 1 without holes");
    currentReplayId = t.replayId();
  }

  private void checkState(boolean healthyAfter) {
    LinkPhase phase = link.phase();
    if (phase == LinkPhase.UP || phase == LinkPhase.REPLAYING || phase == LinkPhase.PROBATION) {
      check(oracle.weHearPeer(nowMs), "not hearing the peer: last heard " + oracle.lastHeardMs());
      check(oracle.peerHearsUs(), "the peer does not report hearing us: newest echo "
          + oracle.newestEchoSinceDenialMs());
    } else {
      check(!healthyAfter, "a healthy link left in " + phase);
    }
    if (phase == LinkPhase.PROBATION) {
      check(nowMs < ((ProbationState) link.state()).endsMs(), "probation overstayed its end");
    }
    check(link.acceptsLiveTraffic() == (phase == LinkPhase.UP), "acceptsLiveTraffic wrong");
    check(link.shouldQueue() == (phase != LinkPhase.UP), "shouldQueue wrong");
    check(link.sinceMs() <= nowMs, "state entered in the future");
    check(link.lastHeardFromPeerMs() == oracle.lastHeardMs(), "lastHeardFromPeerMs wrong");
    check(link.peerHeardUsSentAtMs() == oracle.newestEchoSinceDenialMs(), "peerHeardUsSentAtMs wrong");
    check(link.echoForPeer() == oracle.lastPeerSentAtMs(), "echoForPeer wrong");
    check(link.highestPeerEpoch() == oracle.highestEpoch(), "highestPeerEpoch wrong");
  }

  private void goBackInTime(int index) {
    long past = lastMachineEventMs - 1 - random.nextInt(1000);
    LinkState before = link.state();
    long transitions = link.transitionCount();
    long lastHeard = link.lastHeardFromPeerMs();
    context = "seed " + seed + ", event " + index + ": back to " + past + " after an event at " + lastMachineEventMs
        + ": ";
    IllegalArgumentException refused = refusal(past);
    check(refused != null, "time going backwards was accepted");
    String message = refused.getMessage();
    check(message.contains(Long.toString(past)) && message.contains(Long.toString(lastMachineEventMs))
        && message.contains(before.phase().name()), "unclear: " + message);
    check(link.state() == before && link.transitionCount() == transitions && link.lastHeardFromPeerMs() == lastHeard,
        "a refused event changed the machine");
    count("refused: time backwards");
  }

  private IllegalArgumentException refusal(long pastMs) {
    try {
      switch (random.nextInt(3)) {
        case 0:
          link.poll(pastMs);
          break;
        case 1:
          link.onHeartbeat(pastMs, new PeerHeartbeat(0, 0, PeerHeartbeat.NOT_HEARD));
          break;
        default:
          link.onBacklogDrained(pastMs, Math.max(1, replaysStarted));
          break;
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e;
    }
  }

  private void drainReplayNeverStarted(int index) {
    context = "seed " + seed + ", event " + index + ": drained a replay never started: ";
    LinkState before = link.state();
    try {
      link.onBacklogDrained(nowMs, replaysStarted + 1 + random.nextInt(3));
      check(false, "accepted");
    } catch (IllegalArgumentException e) {
      check(link.state() == before, "a refused report changed the state");
      count("refused: replay never started");
    }
  }

  /** The action table, restated. */
  private static LinkAction expectedAction(LinkPhase from, LinkPhase to) {
    if (to == LinkPhase.REPLAYING) {
      return LinkAction.START_REPLAY;
    }
    if (to == LinkPhase.UP) {
      return LinkAction.SEND_LIVE_TRAFFIC;
    }
    if (to == LinkPhase.DOWN && from != LinkPhase.PROBATION) {
      return LinkAction.CLOSE_CONNECTIONS;
    }
    return LinkAction.NONE;
  }

  private void count(String what) {
    coverage.merge(what, 1, Integer::sum);
  }

  private void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(context + what + " [" + link + "]");
    }
  }

  /** One call into the machine. */
  private interface Step {
    LinkOutcome apply();
  }
}
