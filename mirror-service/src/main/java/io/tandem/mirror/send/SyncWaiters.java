package io.tandem.mirror.send;

import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The sync barriers a volume's mirror still has to answer. A barrier arrives on a link thread ({@link #add}); the
 * mirror's own thread then pins it to a transaction id read from the NameNode after it arrived ({@link #resolve}),
 * which is at or past the transaction of the client's change (the NameNode logged that change before the client
 * asked), and answers it once everything up to that id is acknowledged by the peer. Only {@link #add} and
 * {@link #failArrivals} may be called from other threads.
 */
final class SyncWaiters {
  /** One barrier waiting for its answer. */
  static final class Waiter {
    final SyncBarrier barrier;
    final long deadlineMs;
    final CompletableFuture<SyncOutcome> result = new CompletableFuture<>();
    long txid = -1;

    Waiter(SyncBarrier barrier, long deadlineMs) {
      this.barrier = barrier;
      this.deadlineMs = deadlineMs;
    }
  }

  private final Queue<Waiter> arrived = new ConcurrentLinkedQueue<>();
  /** Pinned to a txid; touched by the mirror's thread only. */
  private final List<Waiter> pinned = new ArrayList<>();

  CompletableFuture<SyncOutcome> add(SyncBarrier barrier, long nowMs) {
    Waiter w = new Waiter(barrier, nowMs + barrier.timeoutMs());
    arrived.add(w);
    return w.result;
  }

  boolean hasArrivals() {
    return !arrived.isEmpty();
  }

  boolean isEmpty() {
    return arrived.isEmpty() && pinned.isEmpty();
  }

  /** Pins every barrier that arrived so far to {@code currentTxid}, read from the NameNode after they arrived. */
  void resolve(long currentTxid) {
    Waiter w;
    while ((w = arrived.poll()) != null) {
      w.txid = currentTxid;
      pinned.add(w);
    }
  }

  /** Removes and returns the pinned barriers whose txid is at or before {@code durableTxid}. */
  List<Waiter> coveredBy(long durableTxid) {
    List<Waiter> out = new ArrayList<>();
    for (Iterator<Waiter> it = pinned.iterator(); it.hasNext();) {
      Waiter w = it.next();
      if (w.txid <= durableTxid) {
        out.add(w);
        it.remove();
      }
    }
    return out;
  }

  /** Puts back a barrier that is covered but not yet answerable (its file's bytes are not on the peer yet). */
  void keep(Waiter w) {
    pinned.add(w);
  }

  /** Answers TIMEOUT to every barrier past its deadline. */
  int expire(long nowMs) {
    int n = 0;
    for (Iterator<Waiter> it = pinned.iterator(); it.hasNext();) {
      Waiter w = it.next();
      if (nowMs >= w.deadlineMs) {
        it.remove();
        w.result.complete(new SyncOutcome(SyncOutcome.Status.TIMEOUT, "the peer did not acknowledge within "
            + w.barrier.timeoutMs() + " ms"));
        n++;
      }
    }
    return n;
  }

  /** Answers the barriers not yet pinned with {@code status}; safe from any thread. */
  int failArrivals(SyncOutcome.Status status, String detail) {
    int n = 0;
    Waiter w;
    while ((w = arrived.poll()) != null) {
      w.result.complete(new SyncOutcome(status, detail));
      n++;
    }
    return n;
  }

  /**
   * Answers every barrier, pinned or not, with {@code status}: the link went down, the mirror stopped or failed.
   * The mirror's thread only (or once it has stopped).
   */
  int failAll(SyncOutcome.Status status, String detail) {
    int n = failArrivals(status, detail);
    for (Waiter p : pinned) {
      p.result.complete(new SyncOutcome(status, detail));
      n++;
    }
    pinned.clear();
    return n;
  }
}
