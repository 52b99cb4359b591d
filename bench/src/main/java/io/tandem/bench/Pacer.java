package io.tandem.bench;

import java.util.concurrent.TimeUnit;

/**
 * Holds a writer to a steady byte rate from the moment the pacer is made: after each chunk the writer waits until
 * the bytes written so far are due on the schedule. A pacer at rate 0 never waits.
 */
final class Pacer {
  private final double bytesPerNano;
  private final long startNanos;

  private Pacer(double bytesPerNano) {
    this.bytesPerNano = bytesPerNano;
    this.startNanos = System.nanoTime();
  }

  /** A schedule starting now at {@code mibPerSecond}; 0 for as fast as possible. */
  static Pacer startingNow(double mibPerSecond) {
    return new Pacer(mibPerSecond * Units.MIB / 1e9);
  }

  /** Whether the pacer waits at all (its rate is above 0). */
  boolean paced() {
    return bytesPerNano > 0;
  }

  /** When ({@link System#nanoTime}) {@code bytesSoFar} bytes are due on the schedule; now for a pacer at rate 0. */
  long dueNanos(long bytesSoFar) {
    return paced() ? startNanos + (long) (bytesSoFar / bytesPerNano) : System.nanoTime();
  }

  /** Waits until {@code bytesSoFar} bytes are due on the schedule (returns at once when they are due already). */
  void awaitSchedule(long bytesSoFar) throws InterruptedException {
    if (!paced()) {
      return;
    }
    long wait = dueNanos(bytesSoFar) - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait); // the pace itself: a point in time, not a condition
    }
  }
}
