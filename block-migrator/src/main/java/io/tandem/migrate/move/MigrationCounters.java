package io.tandem.migrate.move;

import java.util.concurrent.atomic.AtomicLong;

/** What this agent's mover did since it started, for status and metrics; safe to read from any thread. */
public final class MigrationCounters {
  private final AtomicLong planned = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong restarts = new AtomicLong();
  private final AtomicLong bytesMoved = new AtomicLong();
  private final AtomicLong rounds = new AtomicLong();

  void planned() {
    planned.incrementAndGet();
  }

  void done(long bytes) {
    done.incrementAndGet();
    bytesMoved.addAndGet(bytes);
  }

  void failed() {
    failed.incrementAndGet();
  }

  void restarted() {
    restarts.incrementAndGet();
  }

  void round() {
    rounds.incrementAndGet();
  }

  public long movesPlanned() {
    return planned.get();
  }

  public long movesDone() {
    return done.get();
  }

  public long movesFailed() {
    return failed.get();
  }

  /** Attempts that were undone and queued again: failed copies, writes to the block during its move, lost targets. */
  public long restarts() {
    return restarts.get();
  }

  public long bytesMoved() {
    return bytesMoved.get();
  }

  public long rounds() {
    return rounds.get();
  }
}
