package io.tandem.mirror.send;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one volume's sending side, updated by its mirror thread and read by status and metrics. */
public final class MirrorStats {
  final AtomicLong changesShipped = new AtomicLong();
  final AtomicLong bytesShipped = new AtomicLong();
  final AtomicLong requestsSent = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong fullCopies = new AtomicLong();
  final AtomicLong resyncs = new AtomicLong();
  final AtomicLong backlogEvents = new AtomicLong();
  final AtomicLong backlogBytes = new AtomicLong();
  /** Wall time of the oldest change not yet acknowledged, or 0 when caught up. */
  final AtomicLong oldestPendingMs = new AtomicLong();
  final AtomicLong ackedTxid = new AtomicLong();
  /** When the current shipping session began (after the link came back, or at start). */
  final AtomicLong sessionStartedMs = new AtomicLong();
  /** When the mirror last found nothing left to ship. */
  final AtomicLong caughtUpMs = new AtomicLong();
  final AtomicReference<String> state = new AtomicReference<>("STARTING");
  final AtomicReference<String> lastError = new AtomicReference<>();
  final RateMeter shippedRate = new RateMeter();
  /** Sync barriers the peer acknowledged, and those answered otherwise (the client then failed or degraded). */
  final AtomicLong syncAcknowledged = new AtomicLong();
  final AtomicLong syncNotAcknowledged = new AtomicLong();
  /** When a sync barrier was last answered without the peer's acknowledgement, or 0. */
  final AtomicLong syncLastMissMs = new AtomicLong();
  final AtomicReference<String> syncLastMiss = new AtomicReference<>();
  /** Total wait of acknowledged barriers, for the mean. */
  final AtomicLong syncWaitMsTotal = new AtomicLong();

  /** Counts one barrier's answer. */
  void syncAnswered(io.tandem.mirror.sync.SyncOutcome outcome, long waitedMs, long nowMs) {
    if (outcome.acknowledged()) {
      syncAcknowledged.incrementAndGet();
      syncWaitMsTotal.addAndGet(waitedMs);
    } else {
      syncNotAcknowledged.incrementAndGet();
      syncLastMissMs.set(nowMs);
      syncLastMiss.set(outcome.toString());
    }
  }

  public long syncAcknowledged() {
    return syncAcknowledged.get();
  }

  public long syncNotAcknowledged() {
    return syncNotAcknowledged.get();
  }

  /** Mean wait of acknowledged sync barriers, in milliseconds; 0 before the first. */
  public double syncMeanWaitMs() {
    long n = syncAcknowledged.get();
    return n == 0 ? 0 : (double) syncWaitMsTotal.get() / n;
  }

  /** What the last barrier not acknowledged was answered, or null. */
  public String syncLastMiss() {
    return syncLastMiss.get();
  }

  public long syncLastMissMs() {
    return syncLastMissMs.get();
  }

  public long changesShipped() {
    return changesShipped.get();
  }

  public long bytesShipped() {
    return bytesShipped.get();
  }

  /** Content bytes shipped per second over the last ten seconds. */
  public double bytesPerSecond(long nowMs) {
    return shippedRate.perSecond(nowMs);
  }

  public long requestsSent() {
    return requestsSent.get();
  }

  public long retries() {
    return retries.get();
  }

  public long fullCopies() {
    return fullCopies.get();
  }

  public long resyncs() {
    return resyncs.get();
  }

  public long backlogEvents() {
    return backlogEvents.get();
  }

  public long backlogBytes() {
    return backlogBytes.get();
  }

  /** Age of the oldest unacknowledged change at {@code nowMs}; 0 when caught up. */
  public long lagMs(long nowMs) {
    long oldest = oldestPendingMs.get();
    return oldest == 0 ? 0 : Math.max(0, nowMs - oldest);
  }

  /**
   * True when, since {@code sinceMs}, a session started and reached the live edge of the edit log at least once:
   * its backlog is replayed, even if new changes keep it busy (under steady load it may never be idle for long).
   */
  public boolean caughtUpSince(long sinceMs) {
    return sessionStartedMs.get() >= sinceMs && caughtUpMs.get() >= sessionStartedMs.get();
  }

  public long ackedTxid() {
    return ackedTxid.get();
  }

  public String state() {
    return state.get();
  }

  public String lastError() {
    return lastError.get();
  }
}
