package io.tandem.mirror.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads waiting in a limiter on the real clock: interrupts and rate changes reach them while they wait. A
 * latch in the sleeper says when a caller has begun to wait, so nothing here sleeps to wait for a condition.
 */
@Timeout(30)
class RateLimiterInterruptTest {
  private final CountDownLatch waiting = new CountDownLatch(1);
  private final Sleeper announcingSleeper = (condition, nanos) -> {
    waiting.countDown();
    condition.awaitNanos(nanos);
  };

  private RateLimiter slowLimiter() {
    return new RateLimiter(10, System::nanoTime, announcingSleeper);
  }

  private static Thread start(Runnable r) {
    Thread t = new Thread(r, "throttled-caller");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void interruptWhileWaitingThrowsInterruptedException() throws Exception {
    RateLimiter limiter = slowLimiter();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread caller = start(() -> {
      try {
        limiter.acquire(1_000_000);
      } catch (Throwable e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(caller.isAlive());
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertFalse(flagAfter.get(), "the exception carries the interrupt; the flag is cleared as Java's convention has it");
  }

  @Test
  void alreadyInterruptedCallerDoesNotWait() {
    RateLimiter limiter = slowLimiter();
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> limiter.acquire(1_000_000));
    assertFalse(Thread.interrupted());
    assertEquals(1, waiting.getCount(), "never began to wait");
  }

  @Test
  void interruptedStreamWriteThrowsInterruptedIOExceptionAndKeepsTheFlag() throws Exception {
    RateLimiter limiter = slowLimiter();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread caller = start(() -> {
      try (OutputStream out = new ThrottledOutputStream(sink, limiter)) {
        out.write(new byte[4096]);
      } catch (Throwable e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, thrown.get());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals(0, e.bytesTransferred);
    assertEquals(0, sink.size());
    assertTrue(flagAfter.get(), "a stream caller cannot see InterruptedException, so the flag stays set for it");
  }

  @Test
  void rateChangeReachesAWaitingCallerAtOnce() throws Exception {
    RateLimiter limiter = slowLimiter();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    start(() -> {
      try {
        limiter.acquire(1_000_000);
      } catch (Throwable e) {
        thrown.set(e);
      }
      done.countDown();
    });
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    limiter.setRate(0);
    assertTrue(done.await(10, TimeUnit.SECONDS), "at 10 B/s the request would take 28 hours");
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "woken by the change, not by the 1 s re-check");
    assertEquals(null, thrown.get());
  }
}
