package io.tandem.mirror.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state of the link to one peer site, as a pure machine: no threads, no sockets, no clock. The driver passes
 * the time with every event, applies each {@link LinkOutcome}'s actions in order, and calls {@link #poll(long)} by
 * {@link #nextDeadlineMs()} so a gap or the end of probation is noticed when it happens rather than at the next
 * heartbeat. The driver serializes calls; the machine is not thread-safe.
 *
 * <p>The link is <em>healthy</em> when both directions are: a heartbeat from the peer arrived no more than the
 * timeout ago, and that latest heartbeat, the peer's report on the other direction, echoes a heartbeat we sent no
 * more than the timeout before it arrived (see {@link PeerHeartbeat}). A gap is a moment at which either fails.
 * The transitions, all made in one method ({@code moveTo}):
 *
 * <pre>
 *   CONNECTING --healthy--------------------------> PROBATION          (NONE)
 *   DOWN       --healthy--------------------------> PROBATION          (NONE)
 *   PROBATION  --healthy for probationMs----------> REPLAYING          (START_REPLAY)
 *   PROBATION  --gap------------------------------> DOWN               (NONE: connections were not open)
 *   REPLAYING  --backlog drained, this replay id--> UP                 (SEND_LIVE_TRAFFIC)
 *   REPLAYING  --gap------------------------------> DOWN               (CLOSE_CONNECTIONS)
 *   UP         --gap------------------------------> DOWN               (CLOSE_CONNECTIONS)
 * </pre>
 *
 * <ul>
 *   <li><b>Gaps are exact.</b> Each event first judges the link on what was known before it, at the event's time:
 *       a heartbeat that arrives after a silence longer than the timeout still reports the gap (DOWN, then
 *       PROBATION in the same outcome), however rarely the driver polls. Only then does it apply the heartbeat, and
 *       judges again, since the heartbeat itself may say the peer no longer hears us.
 *   <li><b>Probation is all or nothing.</b> A gap during PROBATION returns the link to DOWN; the next probation
 *       starts from zero when heartbeats are healthy again. Silences no longer than the timeout are not gaps and do
 *       not disturb probation. So a flapping link never reaches REPLAYING: each of its gaps restarts the window.
 *       Startup pays one probation too: a fresh agent cannot tell a stable link from a flapping one.
 *   <li><b>One direction is not enough.</b> Heartbeats that arrive while the peer does not hear ours keep the link
 *       where it is if it is CONNECTING or DOWN, and put it DOWN (cause {@link GapCause#PEER_NOT_HEARING_US})
 *       otherwise. A heartbeat echoing nothing, or a time this machine cannot have sent, means "I do not hear you".
 *   <li><b>Replays are numbered.</b> A drained report for an earlier replay is ignored, one for a replay never
 *       started is refused, so a replay cut short by a gap cannot end a later one.
 *   <li><b>Epochs are recorded, not judged.</b> The highest epoch the peer's heartbeats carried is kept for the
 *       failover machinery; heartbeats of a lower epoch still count as contact.
 * </ul>
 */
public final class LinkStateMachine {
  /** A time that never happened: nothing heard yet. */
  public static final long NEVER = Long.MIN_VALUE;
  /** The peer epoch before any heartbeat. */
  public static final long NO_EPOCH = -1;

  private final LinkTimings timings;
  private LinkState state;
  private PeerContact contact;
  private long lastEventMs;
  private long replaysStarted;
  private long transitionCount;
  private long gapsDetected;

  /** A machine in CONNECTING from {@code nowMs}; create it before sending the first heartbeat. */
  public LinkStateMachine(LinkTimings timings, long nowMs) {
    this.timings = Objects.requireNonNull(timings, "timings");
    if (nowMs == NEVER) {
      throw new IllegalArgumentException("nowMs " + nowMs + " is reserved for 'never'");
    }
    this.state = new ConnectingState(nowMs);
    this.contact = PeerContact.none(nowMs);
    this.lastEventMs = nowMs;
  }

  /** A heartbeat from the peer arrived at {@code nowMs}. */
  public LinkOutcome onHeartbeat(long nowMs, PeerHeartbeat heartbeat) {
    Objects.requireNonNull(heartbeat, "heartbeat");
    checkTime(nowMs);
    List<LinkTransition> transitions = new ArrayList<>(2);
    detectGap(nowMs, transitions);
    contact = contact.withHeartbeat(nowMs, heartbeat);
    return settle(nowMs, transitions);
  }

  /** Evaluates the timeouts at {@code nowMs}: a gap, or the end of probation. */
  public LinkOutcome poll(long nowMs) {
    checkTime(nowMs);
    return settle(nowMs, new ArrayList<>(1));
  }

  /**
   * The driver replayed the whole backlog of replay {@code replayId} (from the START_REPLAY transition). Ends the
   * replay if it is still the current one and no gap came first; a report for an earlier replay changes nothing.
   *
   * @throws IllegalArgumentException if no replay with that id was ever started
   */
  public LinkOutcome onBacklogDrained(long nowMs, long replayId) {
    checkTime(nowMs);
    if (replayId < 1 || replayId > replaysStarted) {
      throw new IllegalArgumentException("backlog drained for replay " + replayId
          + ", which was never started (the latest is " + replaysStarted + "; link " + state + ")");
    }
    List<LinkTransition> transitions = new ArrayList<>(2);
    detectGap(nowMs, transitions);
    if (state instanceof ReplayingState && ((ReplayingState) state).replayId() == replayId) {
      moveTo(new UpState(nowMs), transitions);
    }
    return settle(nowMs, transitions);
  }

  /**
   * Every event ends here, so each one also does what a poll does: judge the link on everything now known (a
   * heartbeat just applied may itself say the peer no longer hears us), then move it forward if it can.
   */
  private LinkOutcome settle(long nowMs, List<LinkTransition> transitions) {
    detectGap(nowMs, transitions);
    makeProgress(nowMs, transitions);
    lastEventMs = nowMs;
    return LinkOutcome.of(transitions);
  }

  private void detectGap(long nowMs, List<LinkTransition> transitions) {
    if (!state.phase().watchesForGaps()) {
      return;
    }
    long timeoutMs = timings.heartbeatTimeoutMs();
    GapCause cause;
    if (!contact.weHearPeerAt(nowMs, timeoutMs)) {
      cause = GapCause.PEER_SILENT;
    } else if (!contact.peerHearsUs(timeoutMs)) {
      cause = GapCause.PEER_NOT_HEARING_US;
    } else {
      return;
    }
    gapsDetected++;
    moveTo(new DownState(nowMs, cause), transitions);
  }

  private void makeProgress(long nowMs, List<LinkTransition> transitions) {
    LinkPhase phase = state.phase();
    if ((phase == LinkPhase.CONNECTING || phase == LinkPhase.DOWN)
        && contact.healthyAt(nowMs, timings.heartbeatTimeoutMs())) {
      moveTo(new ProbationState(nowMs, nowMs + timings.probationMs()), transitions);
    }
    // detectGap has just judged the link healthy if it is still in PROBATION; with a 0 ms probation, the branch
    // above leads straight here in the same event.
    if (state instanceof ProbationState && nowMs >= ((ProbationState) state).endsMs()) {
      replaysStarted++;
      moveTo(new ReplayingState(nowMs, replaysStarted), transitions);
    }
  }

  /** Every transition passes here, so the counters and the outcome cannot miss one. */
  private void moveTo(LinkState next, List<LinkTransition> transitions) {
    LinkTransition transition = new LinkTransition(state, next, actionFor(state, next));
    transitions.add(transition);
    transitionCount++;
    state = next;
  }

  /** The table of legal transitions and the action each requires; anything else is a bug in this class. */
  private static LinkAction actionFor(LinkState from, LinkState to) {
    LinkPhase target = to.phase();
    switch (from.phase()) {
      case CONNECTING:
      case DOWN:
        if (target == LinkPhase.PROBATION) {
          return LinkAction.NONE;
        }
        break;
      case PROBATION:
        if (target == LinkPhase.REPLAYING) {
          return LinkAction.START_REPLAY;
        }
        if (target == LinkPhase.DOWN) {
          return LinkAction.NONE;
        }
        break;
      case REPLAYING:
        if (target == LinkPhase.UP) {
          return LinkAction.SEND_LIVE_TRAFFIC;
        }
        if (target == LinkPhase.DOWN) {
          return LinkAction.CLOSE_CONNECTIONS;
        }
        break;
      case UP:
        if (target == LinkPhase.DOWN) {
          return LinkAction.CLOSE_CONNECTIONS;
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException("no link transition from " + from + " to " + to);
  }

  private void checkTime(long nowMs) {
    if (nowMs < lastEventMs) {
      throw new IllegalArgumentException("time went backwards: event at " + nowMs + " ms is before the previous one at "
          + lastEventMs + " ms (link " + state + ")");
    }
  }

  public LinkState state() {
    return state;
  }

  public LinkPhase phase() {
    return state.phase();
  }

  /** When the link entered its current state. */
  public long sinceMs() {
    return state.sinceMs();
  }

  public LinkTimings timings() {
    return timings;
  }

  /** Only an UP link sends requests directly; in REPLAYING they queue behind the backlog to keep the order. */
  public boolean acceptsLiveTraffic() {
    return state.phase() == LinkPhase.UP;
  }

  /** Whether a new mirror request goes to the backlog: always but when UP. */
  public boolean shouldQueue() {
    return !acceptsLiveTraffic();
  }

  /** When the last heartbeat from the peer arrived, in our clock; {@link #NEVER} before the first. */
  public long lastHeardFromPeerMs() {
    return contact.lastHeardFromPeerMs();
  }

  /**
   * Our send time of the newest heartbeat the peer reports having heard, since it last reported hearing nothing of
   * ours; {@link #NEVER} after such a report.
   */
  public long peerHeardUsSentAtMs() {
    return contact.peerHeardUsSentAtMs();
  }

  /** The peer's send time of the last heartbeat received, to echo in our next one; {@link #NEVER} before any. */
  public long echoForPeer() {
    return contact.lastPeerSentAtMs();
  }

  /** The highest epoch any heartbeat from the peer carried; {@link #NO_EPOCH} before the first. */
  public long highestPeerEpoch() {
    return contact.highestPeerEpoch();
  }

  public long transitionCount() {
    return transitionCount;
  }

  /** Gaps detected in PROBATION, REPLAYING or UP: each one put the link DOWN. */
  public long gapsDetected() {
    return gapsDetected;
  }

  /**
   * The latest time by which the driver should {@link #poll(long)}: the first moment the peer counts as silent, or
   * the end of probation, whichever comes first. {@link Long#MAX_VALUE} when only a heartbeat can change the state.
   */
  public long nextDeadlineMs() {
    switch (state.phase()) {
      case PROBATION:
        return Math.min(contact.silentFromMs(timings.heartbeatTimeoutMs()), ((ProbationState) state).endsMs());
      case REPLAYING:
      case UP:
        return contact.silentFromMs(timings.heartbeatTimeoutMs());
      default:
        return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "link " + state + " (" + transitionCount + " transitions, " + gapsDetected + " gaps)";
  }
}
