package io.tandem.mirror.throttle;

import static io.tandem.mirror.throttle.FakeTime.MILLISECOND;
import static io.tandem.mirror.throttle.FakeTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.BandwidthSchedule;
import io.tandem.coord.conf.TandemConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The schedule driving a limiter on simulated time: caps, boundaries mid-ship, clock jumps, adaptation. */
class ScheduledRateTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final BandwidthSchedule ISSUE_EXAMPLE =
      BandwidthSchedule.parse("mon-fri 08:00-18:00 50; sat,sun * 400; * 200");
  private static final double MBPS_50 = 6_250_000;
  private static final double MBPS_200 = 25_000_000;

  /** Simulated time starting at a local date-time in Berlin; 2025-06-04 is a Wednesday. */
  private static FakeTime startingAt(String localDateTime) {
    return new FakeTime(LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant());
  }

  private static ScheduledRate scheduled(FakeTime time, RateLimiter limiter, BandwidthSchedule schedule,
      double fallbackMbps, AdaptiveRate adaptive) {
    return new ScheduledRate(limiter, schedule, fallbackMbps, time.clock(ZONE), adaptive);
  }

  private static double rateAt(String localDateTime, BandwidthSchedule schedule, double fallbackMbps) {
    FakeTime time = startingAt(localDateTime);
    RateLimiter limiter = new RateLimiter(1, time, time);
    scheduled(time, limiter, schedule, fallbackMbps, AdaptiveRate.disabled()).refresh();
    return limiter.rate();
  }

  /** Runs {@link ScheduledRate#refresh} on simulated time as the executor would, noting each change of rate. */
  private static final class Ticker {
    final FakeTime time;
    final ScheduledRate scheduled;
    final RateLimiter limiter;
    final List<long[]> changes = new ArrayList<>();

    Ticker(FakeTime time, ScheduledRate scheduled, RateLimiter limiter) {
      this.time = time;
      this.scheduled = scheduled;
      this.limiter = limiter;
      tick();
    }

    void tick() {
      double before = limiter.rate();
      Duration delay = scheduled.refresh();
      if (limiter.rate() != before) {
        changes.add(new long[] {time.now(), (long) limiter.rate()});
      }
      assertTrue(delay.compareTo(Duration.ofSeconds(1)) <= 0 && !delay.isNegative() && !delay.isZero(), delay.toString());
      time.at(time.now() + delay.toNanos(), this::tick);
    }
  }

  private static DeliveryLog pump(FakeTime time, RateLimiter limiter, long untilNanos) throws InterruptedException {
    DeliveryLog log = new DeliveryLog();
    while (time.now() < untilNanos) {
      int chunk = limiter.chunkBytes();
      limiter.acquire(chunk);
      log.record(time.now(), chunk);
    }
    return log;
  }

  @Test
  void pushesTheScheduledCapInBytesPerSecond() {
    assertEquals(MBPS_50, rateAt("2025-06-04T10:00", ISSUE_EXAMPLE, 0));
    assertEquals(MBPS_200, rateAt("2025-06-04T18:00", ISSUE_EXAMPLE, 0));
    assertEquals(50_000_000, rateAt("2025-06-07T10:00", ISSUE_EXAMPLE, 0));
    BandwidthSchedule weekdays = BandwidthSchedule.parse("mon-fri 08:00-18:00 50");
    assertEquals(1_000_000, rateAt("2025-06-07T10:00", weekdays, 8), "fallback where no entry matches");
    assertEquals(0, rateAt("2025-06-07T10:00", weekdays, 0), "fallback 0: no cap");
    assertEquals(0, rateAt("2025-06-07T10:00", BandwidthSchedule.parse("sat * unlimited; * 5"), 8));
  }

  @Test
  void nextEvaluationIsAtTheBoundaryAndAtMostOneSecondAway() {
    FakeTime time = startingAt("2025-06-04T17:59:59.250");
    RateLimiter limiter = new RateLimiter(1, time, time);
    assertEquals(Duration.ofMillis(750), scheduled(time, limiter, ISSUE_EXAMPLE, 0, AdaptiveRate.disabled()).refresh());
    FakeTime morning = startingAt("2025-06-04T10:00");
    assertEquals(Duration.ofSeconds(1), scheduled(morning, limiter, ISSUE_EXAMPLE, 0, AdaptiveRate.disabled()).refresh());
    assertEquals(Duration.ofSeconds(1), scheduled(morning, limiter, BandwidthSchedule.empty(), 8, AdaptiveRate.disabled()).refresh());
  }

  @Test
  void boundaryCrossedMidShipChangesTheDeliveredRateAtTheBoundary() throws InterruptedException {
    FakeTime time = startingAt("2025-06-04T17:59:56.300");
    RateLimiter limiter = new RateLimiter(0, time, time);
    Ticker ticker = new Ticker(time, scheduled(time, limiter, ISSUE_EXAMPLE, 0, AdaptiveRate.disabled()), limiter);
    DeliveryLog log = pump(time, limiter, 9 * SECOND);
    long boundary = 3_700 * MILLISECOND;
    assertEquals(2, ticker.changes.size());
    assertEquals(boundary, ticker.changes.get(1)[0], "switched at 18:00:00 exactly");
    assertEquals((long) MBPS_200, ticker.changes.get(1)[1]);
    assertEquals(List.of(), log.windowsOffRate(0, boundary, SECOND, MBPS_50, 0.05));
    long settled = boundary + SECOND * RateLimiter.MAX_CHUNK_BYTES / (long) MBPS_50;
    assertEquals(List.of(), log.windowsOffRate(settled, 9 * SECOND, SECOND, MBPS_200, 0.05));
    assertEquals(List.of(), log.windowsOffRate(settled, 9 * SECOND, 5 * SECOND, MBPS_200, 0.05));
  }

  @Test
  void wallClockJumpIsPickedUpWithinOneSecond() throws InterruptedException {
    FakeTime time = startingAt("2025-06-04T10:00:00");
    RateLimiter limiter = new RateLimiter(0, time, time);
    Ticker ticker = new Ticker(time, scheduled(time, limiter, ISSUE_EXAMPLE, 0, AdaptiveRate.disabled()), limiter);
    long jump = 2_300 * MILLISECOND;
    time.at(jump, () -> time.shiftWallClock(Duration.ofHours(8).toNanos()));
    pump(time, limiter, 5 * SECOND);
    assertEquals(2, ticker.changes.size());
    long changedAt = ticker.changes.get(1)[0];
    assertTrue(changedAt > jump && changedAt <= jump + SECOND, "changed " + (changedAt - jump) / MILLISECOND + " ms after");
    assertEquals((long) MBPS_200, ticker.changes.get(1)[1]);
  }

  @Test
  void risingRoundTripLowersTheRateBelowTheCapAndFallingRestoresIt() {
    FakeTime time = startingAt("2025-06-04T10:00");
    RateLimiter limiter = new RateLimiter(0, time, time);
    ScheduledRate scheduled = scheduled(time, limiter, BandwidthSchedule.empty(), 100, AdaptiveRate.enabled());
    scheduled.refresh();
    double cap = 12_500_000;
    assertEquals(cap, limiter.rate());
    for (int i = 0; i < 20; i++) {
      scheduled.onRoundTrip(10_000);
    }
    assertEquals(cap, limiter.rate());
    double lowest = cap;
    for (int i = 0; i < 40; i++) {
      scheduled.onRoundTrip(40_000);
      assertTrue(limiter.rate() <= lowest, "sample " + i);
      lowest = limiter.rate();
    }
    assertTrue(lowest < cap * 0.5 && lowest >= cap * AdaptiveRate.MIN_FRACTION, "lowered to " + lowest);
    int samples = 0;
    while (limiter.rate() < cap && samples < 100) {
      scheduled.onRoundTrip(10_000);
      samples++;
    }
    assertEquals(cap, limiter.rate(), 1e-6, "recovered after " + samples + " samples");
  }

  @Test
  void lowerShareCarriesOverToTheNextScheduledCap() {
    FakeTime time = startingAt("2025-06-04T17:59:59");
    RateLimiter limiter = new RateLimiter(0, time, time);
    ScheduledRate scheduled = scheduled(time, limiter, ISSUE_EXAMPLE, 0, AdaptiveRate.enabled());
    scheduled.refresh();
    for (int i = 0; i < 20; i++) {
      scheduled.onRoundTrip(10_000);
    }
    for (int i = 0; i < 3; i++) {
      scheduled.onRoundTrip(40_000);
    }
    double share = limiter.rate() / MBPS_50;
    assertEquals(AdaptiveRate.DECREASE_FACTOR, share, 1e-9);
    time.advance(SECOND);
    scheduled.refresh();
    assertEquals(MBPS_200 * share, limiter.rate(), 1e-3);
  }

  @Test
  void withoutACapRoundTripsChangeNothing() {
    FakeTime time = startingAt("2025-06-04T10:00");
    RateLimiter limiter = new RateLimiter(5, time, time);
    ScheduledRate scheduled = scheduled(time, limiter, BandwidthSchedule.empty(), 0, AdaptiveRate.enabled());
    scheduled.refresh();
    for (int i = 0; i < 60; i++) {
      scheduled.onRoundTrip(i < 20 ? 10_000 : 80_000);
    }
    assertEquals(0, limiter.rate());
  }

  @Test
  void startEvaluatesAtOnceAndCloseStopsTheReevaluation() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    executor.setRemoveOnCancelPolicy(true);
    try {
      RateLimiter limiter = new RateLimiter(0);
      Clock wednesdayMorning = Clock.fixed(LocalDateTime.parse("2025-06-04T10:00").atZone(ZONE).toInstant(), ZONE);
      ScheduledRate scheduled = new ScheduledRate(limiter, ISSUE_EXAMPLE, 0, wednesdayMorning, AdaptiveRate.disabled());
      scheduled.start(executor);
      assertEquals(MBPS_50, limiter.rate());
      assertEquals(1, executor.getQueue().size());
      assertThrows(IllegalStateException.class, () -> scheduled.start(executor));
      scheduled.close();
      assertEquals(0, executor.getQueue().size());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void shippingRateComesFromTheConfiguration() {
    Configuration conf = new Configuration(false);
    conf.set("tandem.site.id", "site-a");
    conf.set("tandem.zk.quorum", "localhost:2181");
    conf.set("tandem.ship.bandwidth.mbps", "80");
    conf.set("tandem.ship.bandwidth.schedule", "* * 16");
    RateLimiter limiter = new RateLimiter(0);
    ScheduledRate.forShipping(TandemConfig.parse(conf), limiter, AdaptiveRate.disabled()).refresh();
    assertEquals(2_000_000, limiter.rate());
    conf.unset("tandem.ship.bandwidth.schedule");
    ScheduledRate.forShipping(TandemConfig.parse(conf), limiter, AdaptiveRate.disabled()).refresh();
    assertEquals(10_000_000, limiter.rate());
  }
}
