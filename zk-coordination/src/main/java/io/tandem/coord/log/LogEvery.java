package io.tandem.coord.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval, counting the occurrences held back in between: loud,
 * not a flood. Thread-safe; time is passed in.
 */
public final class LogEvery {
  private final long intervalMs;
  private final AtomicLong lastMs = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong sinceLogged = new AtomicLong();

  public LogEvery(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  /**
   * Counts one occurrence at {@code nowMs}. Returns how many occurred since the last one let through, this one
   * included, when this one is to be logged; 0 when it is held back.
   */
  public long occurred(long nowMs) {
    sinceLogged.incrementAndGet();
    long last = lastMs.get();
    if (nowMs - last >= intervalMs && lastMs.compareAndSet(last, nowMs)) {
      return sinceLogged.getAndSet(0);
    }
    return 0;
  }
}
