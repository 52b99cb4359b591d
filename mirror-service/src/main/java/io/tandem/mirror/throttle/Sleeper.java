package io.tandem.mirror.throttle;

import java.util.concurrent.locks.Condition;

/**
 * How a {@link RateLimiter} waits for tokens. Injected so tests can run the limiter on a simulated clock: a fake
 * advances its clock by the requested time instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits on {@code condition}, whose lock the caller holds, for at most {@code nanos}. May return early, on a signal
   * (a rate change) or spuriously; the caller re-checks.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void await(Condition condition, long nanos) throws InterruptedException;

  /** Waits on the condition in real time ({@link Condition#awaitNanos}), so a signal ends the wait at once. */
  static Sleeper realTime() {
    return (condition, nanos) -> condition.awaitNanos(nanos);
  }
}
