package io.tandem.mirror.throttle;

import static io.tandem.mirror.throttle.FakeTime.MILLISECOND;
import static io.tandem.mirror.throttle.FakeTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token bucket on simulated time: steady rate over short windows, no burst after idling, rate changes. */
class RateLimiterTest {
  private final FakeTime time = new FakeTime();

  private RateLimiter limiter(double bytesPerSecond) {
    return new RateLimiter(bytesPerSecond, time, time);
  }

  /** Steady demand: acquires chunk after chunk, as a throttled stream does, until {@code untilNanos}. */
  private void pump(RateLimiter limiter, DeliveryLog log, long untilNanos) throws InterruptedException {
    while (time.now() < untilNanos) {
      int chunk = limiter.chunkBytes();
      limiter.acquire(chunk);
      log.record(time.now(), chunk);
    }
  }

  @ParameterizedTest(name = "{0} B/s")
  @ValueSource(doubles = {125_000, 1_000_000, 6_250_000, 50_000_000})
  void steadyDemandHoldsTheRateOverEveryOneAndFiveSecondWindow(double rate) throws InterruptedException {
    RateLimiter limiter = limiter(rate);
    DeliveryLog log = new DeliveryLog();
    pump(limiter, log, 12 * SECOND);
    assertEquals(List.of(), log.windowsOffRate(0, 12 * SECOND, SECOND, rate, 0.05));
    assertEquals(List.of(), log.windowsOffRate(0, 12 * SECOND, 5 * SECOND, rate, 0.05));
  }

  @Test
  void startsEmptySoTheFirstWindowIsNotABurst() throws InterruptedException {
    RateLimiter limiter = limiter(1_000_000);
    DeliveryLog log = new DeliveryLog();
    pump(limiter, log, SECOND);
    assertTrue(log.bytesBetween(0, 100 * MILLISECOND) <= 100_000 + limiter.chunkBytes(), "first 100 ms");
  }

  @Test
  void idlingEarnsAtMostOneBurst() throws InterruptedException {
    double rate = 8_000_000;
    RateLimiter limiter = limiter(rate);
    assertEquals(400_000, limiter.burstBytes(), "50 ms of the rate");
    DeliveryLog log = new DeliveryLog();
    pump(limiter, log, 2 * SECOND);
    time.advance(30 * SECOND);
    long resumed = time.now();
    pump(limiter, log, resumed + 3 * SECOND);
    // Bound by the design figure (50 ms of the rate), not by burstBytes(), so a bigger bucket fails here.
    long burst = (long) (rate * 0.05);
    for (long start = resumed; start + SECOND <= resumed + 3 * SECOND; start += 10 * MILLISECOND) {
      long got = log.bytesBetween(start, start + SECOND);
      assertTrue(got <= rate + burst, "window at " + (start - resumed) / MILLISECOND + " ms: " + got);
    }
    long firstTenth = log.bytesBetween(resumed, resumed + 100 * MILLISECOND);
    assertTrue(firstTenth <= rate / 10 + burst, "first 100 ms after idling: " + firstTenth);
    assertTrue(firstTenth >= rate / 10, "the burst is allowed: " + firstTenth);
  }

  @ParameterizedTest(name = "rate goes down: {0}")
  @ValueSource(booleans = {true, false})
  void rateChangeMidStreamTakesEffectWithinTheNextChunk(boolean down) throws InterruptedException {
    double before = down ? 10_000_000 : 2_000_000;
    double after = down ? 2_000_000 : 10_000_000;
    RateLimiter limiter = limiter(before);
    DeliveryLog log = new DeliveryLog();
    time.at(3 * SECOND, () -> limiter.setRate(after));
    pump(limiter, log, 8 * SECOND);
    assertEquals(after, limiter.rate());
    assertEquals(List.of(), log.windowsOffRate(0, 3 * SECOND, SECOND, before, 0.05));
    // After the change the old rate's last chunk may still complete; from the next chunk on the new rate holds.
    long settled = 3 * SECOND + (long) (SECOND * RateLimiter.MAX_CHUNK_BYTES / Math.min(before, after));
    assertEquals(List.of(), log.windowsOffRate(settled, 8 * SECOND, SECOND, after, 0.05));
  }

  @Test
  void rateChangeEndsAWaitComputedAtTheOldRate() throws InterruptedException {
    RateLimiter limiter = limiter(1_000);
    time.at(2 * SECOND, () -> limiter.setRate(0));
    limiter.acquire(1_000_000);
    assertEquals(2 * SECOND, time.now(), "at 1 kB/s this would have taken 1000 s");

    RateLimiter slow = limiter(100);
    long start = time.now();
    time.at(start + SECOND, () -> slow.setRate(1_000_000));
    slow.acquire(100_000);
    long took = time.now() - start;
    assertTrue(took <= SECOND + 110 * MILLISECOND, "the rest is paid at the new rate: " + took / MILLISECOND + " ms");
  }

  @Test
  void requestLargerThanTheBucketIsPaidInParts() throws InterruptedException {
    RateLimiter limiter = limiter(1_000_000);
    assertEquals(50_000, limiter.burstBytes());
    limiter.acquire(10_000_000);
    assertEquals(10 * SECOND, time.now(), MILLISECOND);
    assertTrue(time.longestWait() <= 50 * MILLISECOND, "no wait longer than one bucketful: " + time.longestWait());
  }

  @Test
  void mixedRequestSizesAverageTheRate() throws InterruptedException {
    RateLimiter limiter = limiter(2_000_000);
    DeliveryLog log = new DeliveryLog();
    int[] sizes = {100, 4096, 70_000, 1_000_000};
    int i = 0;
    while (time.now() < 10 * SECOND) {
      int size = sizes[i++ % sizes.length];
      limiter.acquire(size);
      log.record(time.now(), size);
    }
    double measured = log.totalBytes() * (double) SECOND / time.now();
    assertEquals(2_000_000, measured, 2_000_000 * 0.01);
  }

  @Test
  void unlimitedNeverWaits() throws InterruptedException {
    Sleeper forbidden = (condition, nanos) -> {
      throw new AssertionError("waited " + nanos + " ns");
    };
    for (double rate : new double[] {0, -5, Double.POSITIVE_INFINITY}) {
      RateLimiter limiter = new RateLimiter(rate, time, forbidden);
      limiter.acquire(Long.MAX_VALUE);
      assertEquals(0, limiter.rate());
      assertEquals(RateLimiter.MAX_CHUNK_BYTES, limiter.chunkBytes());
    }
  }

  @Test
  void burstAndChunkScaleWithTheRate() {
    RateLimiter limiter = limiter(10_000_000);
    assertEquals(500_000, limiter.burstBytes());
    assertEquals(65_536, limiter.chunkBytes());
    limiter.setRate(200_000);
    assertEquals(10_000, limiter.burstBytes());
    assertEquals(2_000, limiter.chunkBytes());
    limiter.setRate(1_000);
    assertEquals(512, limiter.burstBytes());
    assertEquals(512, limiter.chunkBytes());
  }

  @Test
  void lowerRateAlsoShrinksTokensSavedAtTheHigherOne() throws InterruptedException {
    RateLimiter limiter = limiter(10_000_000);
    time.advance(SECOND);
    limiter.setRate(100_000);
    long start = time.now();
    limiter.acquire(105_000);
    assertEquals(SECOND, time.now() - start, 2 * MILLISECOND, "only 50 ms of the new rate was kept");
  }

  @Test
  void badArgumentsAreRefused() throws InterruptedException {
    RateLimiter limiter = limiter(1000);
    assertThrows(IllegalArgumentException.class, () -> limiter.setRate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> limiter.acquire(-1));
    limiter.acquire(0);
    assertEquals(0, time.waits());
  }
}
