package io.tandem.coord.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one retry schedule Tandem uses: {@code base * 2^attempt}, capped, with up to
 * a quarter of random spread so retries from many agents do not align. Pure: the caller sleeps or schedules.
 */
public final class Backoff {
  private final long baseMs;
  private final long maxMs;

  public Backoff(long baseMs, long maxMs) {
    if (baseMs <= 0 || maxMs < baseMs) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + baseMs + " max " + maxMs);
    }
    this.baseMs = baseMs;
    this.maxMs = maxMs;
  }

  /** Delay before retry number {@code attempt} (0 for the first retry), jittered. */
  public long delayMs(int attempt) {
    long d = ceilingMs(attempt);
    long spread = d / 4;
    return spread == 0 ? d : d - spread + ThreadLocalRandom.current().nextLong(spread + 1);
  }

  /** The un-jittered delay for {@code attempt}: {@code min(max, base * 2^attempt)}. */
  public long ceilingMs(int attempt) {
    int shift = Math.min(Math.max(attempt, 0), 30);
    long d = baseMs << shift;
    return d <= 0 || d > maxMs ? maxMs : d;
  }
}
