package io.tandem.migrate.move;

import java.io.Closeable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs block copies on their own threads and hands their outcomes back to the round thread, which alone writes the
 * routing table. How many copies run at once is bounded by the planner (moves per DataNode) since every copy belongs
 * to a routing-table entry holding its slots; the pool itself is bounded too, as a backstop.
 */
final class TransferPool implements Closeable {
  /** A copy that ended: null failure for success. */
  static final class Ended {
    final Throwable failure;

    Ended(Throwable failure) {
      this.failure = failure;
    }
  }

  /** A copy to run. */
  interface Copy {
    void run() throws Exception;
  }

  private final ExecutorService threads;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final Map<Long, Ended> ended = new ConcurrentHashMap<>();

  TransferPool(int threads) {
    this.threads = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tandem-block-copy");
      t.setDaemon(true);
      return t;
    });
  }

  void start(long blockId, Copy copy) {
    running.add(blockId);
    threads.execute(() -> {
      Throwable failure = null;
      try {
        copy.run();
      } catch (InterruptedException e) {
        failure = e;
        Thread.currentThread().interrupt();
      } catch (Exception | Error e) {
        failure = e;
      }
      ended.put(blockId, new Ended(failure));
      running.remove(blockId);
    });
  }

  /** Whether this block's copy runs or ended without its outcome taken yet. */
  boolean owns(long blockId) {
    return running.contains(blockId) || ended.containsKey(blockId);
  }

  /** Takes the outcome of the block's copy, if it ended. */
  Optional<Ended> takeEnded(long blockId) {
    return Optional.ofNullable(ended.remove(blockId));
  }

  /** Copies not yet ended. */
  int running() {
    return running.size();
  }

  /** Outcomes not yet taken, for tests. */
  Map<Long, Ended> pendingOutcomes() {
    return new HashMap<>(ended);
  }

  /**
   * Stops waiting for copies. A copy already sent continues between the DataNodes and, if it lands, the next leader
   * finds it registered when it verifies the move.
   */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
