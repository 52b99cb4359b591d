package io.tandem.mirror.throttle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket in bytes whose rate can change at run time, shared by every stream it paces.
 *
 * <p>The bucket holds at most {@link #burstBytes()}: 50 ms worth of the current rate, and at least one
 * {@link #chunkBytes() chunk}. So the rate holds over short windows, and a caller that was idle can send only that
 * much ahead of the rate, unlike a limiter that averages over the whole stream and lets an idle stretch be made up in
 * one burst. The bucket starts empty.
 *
 * <p>{@link #acquire} takes what the bucket holds and waits for the rest, so a request larger than the bucket is paid
 * in parts. Waiting callers wait on a condition that {@link #setRate} signals: a new rate applies to them at once, not
 * when a sleep computed at the old rate ends. A rate of 0 or less means unlimited.
 */
public final class RateLimiter {
  /** How much of the rate the bucket may hold: the most a caller can get ahead of the rate after idling. */
  static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Chunks are 10 ms worth of the rate, within these bounds, so a 1 s window sees about a hundred of them. */
  static final int MIN_CHUNK_BYTES = 512;
  static final int MAX_CHUNK_BYTES = 64 * 1024;
  /** The longest single wait: a cap on what a rounding error or a far-off estimate can cost before a re-check. */
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final double NANOS_PER_SECOND = 1e9;
  /** Owing less than this is owing nothing: it only absorbs floating-point rounding. */
  private static final double NEGLIGIBLE_BYTES = 1e-6;

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rateChanged = lock.newCondition();
  /** Bytes per second, 0 for unlimited; written under the lock, read without it on the unlimited fast path. */
  private volatile double bytesPerSecond;
  private double tokens;
  private long refilledAt;

  /** A limiter on the real clock. */
  public RateLimiter(double bytesPerSecond) {
    this(bytesPerSecond, System::nanoTime, Sleeper.realTime());
  }

  public RateLimiter(double bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.bytesPerSecond = normalize(bytesPerSecond);
    this.refilledAt = nanoTime.getAsLong();
  }

  private static double normalize(double bytesPerSecond) {
    if (Double.isNaN(bytesPerSecond)) {
      throw new IllegalArgumentException("rate must be a number, got NaN");
    }
    return bytesPerSecond <= 0 || Double.isInfinite(bytesPerSecond) ? 0 : bytesPerSecond;
  }

  /**
   * Changes the rate, effective at once for waiting callers too. Tokens earned at the old rate are kept, up to the
   * new bucket size. 0, a negative value or infinity mean unlimited.
   */
  public void setRate(double bytesPerSecond) {
    double rate = normalize(bytesPerSecond);
    lock.lock();
    try {
      refill(nanoTime.getAsLong());
      this.bytesPerSecond = rate;
      tokens = Math.min(tokens, burstBytes(rate));
      rateChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes per second; 0 when unlimited. */
  public double rate() {
    return bytesPerSecond;
  }

  /** The most the bucket holds at the current rate. */
  public long burstBytes() {
    return burstBytes(bytesPerSecond);
  }

  /** How many bytes a stream should pay for at a time: 10 ms worth of the current rate, from 512 B to 64 KiB. */
  public int chunkBytes() {
    return chunkBytes(bytesPerSecond);
  }

  private static int chunkBytes(double rate) {
    if (rate == 0) {
      return MAX_CHUNK_BYTES;
    }
    return (int) Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, rate / 100));
  }

  private static long burstBytes(double rate) {
    return Math.max((long) (rate * BURST_NANOS / NANOS_PER_SECOND), chunkBytes(rate));
  }

  /**
   * Blocks until {@code bytes} may pass. Takes what the bucket holds and waits for the rest, in parts of at most one
   * bucketful, re-checking after every rate change.
   *
   * @throws InterruptedException if interrupted before or while waiting; the bytes taken so far are not returned
   */
  public void acquire(long bytes) throws InterruptedException {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
    if (bytes == 0 || bytesPerSecond == 0) {
      return;
    }
    double owed = bytes;
    lock.lockInterruptibly();
    try {
      while (true) {
        double rate = bytesPerSecond;
        if (rate == 0) {
          return;
        }
        refill(nanoTime.getAsLong());
        double taken = Math.min(tokens, owed);
        tokens -= taken;
        owed -= taken;
        if (owed < NEGLIGIBLE_BYTES) {
          return;
        }
        double wanted = Math.min(owed, burstBytes(rate));
        long waitNanos = (long) Math.ceil((wanted - tokens) * NANOS_PER_SECOND / rate);
        sleeper.await(rateChanged, Math.max(1, Math.min(waitNanos, MAX_WAIT_NANOS)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Credits the tokens earned since the last refill at the current rate; unlimited keeps the bucket empty. */
  private void refill(long now) {
    long elapsed = now - refilledAt;
    refilledAt = now;
    double rate = bytesPerSecond;
    if (rate == 0) {
      tokens = 0;
    } else if (elapsed > 0) {
      tokens = Math.min(burstBytes(rate), tokens + elapsed * rate / NANOS_PER_SECOND);
    }
  }

  @Override
  public String toString() {
    double rate = bytesPerSecond;
    return rate == 0 ? "RateLimiter[unlimited]" : "RateLimiter[" + (long) rate + " B/s, burst " + burstBytes(rate) + " B]";
  }
}
