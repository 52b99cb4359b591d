package io.tandem.mirror.link.net;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.tandem.mirror.link.DownState;
import io.tandem.mirror.link.LinkAction;
import io.tandem.mirror.link.LinkOutcome;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkStateMachine;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.link.LinkTransition;
import io.tandem.mirror.link.PeerHeartbeat;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the link's one {@link LinkStateMachine} on one thread of its own: every heartbeat from any connection, every
 * poll (scheduled for the machine's next deadline) and every drained report becomes a task there, so the machine
 * sees one event at a time with a clock that never goes back. Carries out each transition's action on the
 * {@link ConnectionSlots}, publishes a {@link LinkSnapshot}, then tells the {@link LinkListener}.
 */
final class LinkDriver implements HeartbeatSink {
  private static final Logger LOG = LoggerFactory.getLogger(LinkDriver.class);
  private static final long STOP_TIMEOUT_MS = 5_000;

  private final String linkName;
  private final String peerSite;
  private final LinkTimings timings;
  private final LongSupplier clock;
  private final LinkListener listener;
  private final ScheduledThreadPoolExecutor executor;
  // The driver thread's own state, touched by its tasks only.
  private final LinkStateMachine machine;
  private ConnectionSlots slots;
  private ScheduledFuture<?> nextPoll;
  private long lastEventMs;
  private long latestReplayId;
  // For every other thread.
  private volatile LinkSnapshot snapshot;

  LinkDriver(String linkName, String peerSite, LinkTimings timings, LongSupplier clock, LinkListener listener) {
    this.linkName = linkName;
    this.peerSite = peerSite;
    this.timings = timings;
    this.clock = clock;
    this.listener = listener;
    this.executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("tandem-link-driver-" + peerSite,
        true));
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long now = clock.getAsLong();
    this.machine = new LinkStateMachine(timings, now);
    this.lastEventMs = now;
    this.snapshot = LinkSnapshot.of(machine, 0);
  }

  /** Takes charge of the slots: the probe dials, and polling starts. */
  void start(ConnectionSlots connectionSlots) {
    submit(() -> {
      slots = connectionSlots;
      slots.probeOnly("the link " + linkName + " is " + machine.phase(), false);
      schedulePoll();
    });
  }

  @Override
  public void heartbeatReceived(PeerHeartbeat heartbeat) {
    submit(() -> apply(machine.onHeartbeat(now(), heartbeat)));
  }

  /**
   * @throws IllegalArgumentException when no replay with that id was started
   */
  void backlogDrained(long replayId) {
    long latest = snapshot.latestReplayId();
    if (replayId < 1 || replayId > latest) {
      throw new IllegalArgumentException("backlog drained for replay " + replayId + " of " + linkName
          + ", which was never started (the latest is " + latest + ")");
    }
    submit(() -> apply(machine.onBacklogDrained(now(), replayId)));
  }

  LinkSnapshot snapshot() {
    return snapshot;
  }

  /** Stops after the task at hand; queued events still run, scheduled polls do not. */
  void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("Link {}: the driver did not stop within {} ms (a listener still running?)", linkName,
            STOP_TIMEOUT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Link {}: interrupted while waiting for the driver to stop", linkName);
    }
  }

  private void submit(Runnable task) {
    try {
      executor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("Link {}: event dropped, the link is closed", linkName);
    }
  }

  /** A bug in one event must not end the driver: later heartbeats and polls still need it. */
  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Link {}: an event failed; the link stays {}", linkName, machine.state(), e);
    }
  }

  /** The clock, held to never go back: the machine refuses time that does. */
  private long now() {
    long t = clock.getAsLong();
    if (t < lastEventMs) {
      LOG.debug("Link {}: clock read {} ms after {} ms; using the later", linkName, t, lastEventMs);
      t = lastEventMs;
    }
    lastEventMs = t;
    return t;
  }

  private void poll() {
    apply(machine.poll(now()));
  }

  private void apply(LinkOutcome outcome) {
    for (LinkTransition t : outcome.transitions()) {
      carryOut(t);
    }
    snapshot = LinkSnapshot.of(machine, latestReplayId);
    for (LinkTransition t : outcome.transitions()) {
      tellListener(t);
    }
    schedulePoll();
  }

  /**
   * Every gap closes every connection, the probe too (a gap during probation asks nothing of the machine's driver,
   * but after it no socket is trusted); the probe then re-dials. START_REPLAY opens all n for requests.
   */
  private void carryOut(LinkTransition t) {
    if (t.to().phase() == LinkPhase.DOWN) {
      String reason = downReason((DownState) t.to());
      LOG.warn("Link {}: {}: {}", linkName, t, reason);
      slots.probeOnly("the link " + linkName + " went DOWN: " + reason + "; requests queue until it is UP again",
          true);
      return;
    }
    LOG.info("Link {}: {}", linkName, t);
    if (t.action() == LinkAction.START_REPLAY) {
      latestReplayId = t.replayId();
      slots.carryRequests();
    }
    // SEND_LIVE_TRAFFIC: requests already flow in REPLAYING; the listener stops queueing them. NONE: no change.
  }

  private String downReason(DownState down) {
    switch (down.cause()) {
      case PEER_SILENT:
        return "no heartbeat from " + peerSite + " for longer than " + timings.heartbeatTimeoutMs() + " ms";
      case PEER_NOT_HEARING_US:
        return peerSite + " reports no heartbeat of ours within " + timings.heartbeatTimeoutMs() + " ms";
      default:
        return String.valueOf(down.cause());
    }
  }

  private void tellListener(LinkTransition t) {
    try {
      listener.onStateChange(t.from(), t.to());
    } catch (RuntimeException e) {
      LOG.error("Link {}: the listener failed on {}", linkName, t, e);
    }
  }

  /** Polls at the machine's next deadline, and at least every heartbeat interval. */
  private void schedulePoll() {
    if (nextPoll != null) {
      nextPoll.cancel(false);
    }
    long deadline = machine.nextDeadlineMs();
    long delayMs = timings.heartbeatIntervalMs();
    if (deadline != Long.MAX_VALUE) {
      delayMs = deadline <= lastEventMs ? 1 : Math.min(delayMs, deadline - lastEventMs);
    }
    try {
      nextPoll = executor.schedule(() -> guarded(this::poll), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Link {}: no more polls, the link is closed", linkName);
    }
  }
}
