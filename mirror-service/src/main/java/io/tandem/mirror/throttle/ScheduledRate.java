package io.tandem.mirror.throttle;

import io.tandem.coord.conf.BandwidthSchedule;
import io.tandem.coord.conf.TandemConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link RateLimiter} at the cap the bandwidth schedule gives for the current day and time, times the
 * share an {@link AdaptiveRate} allows. Re-evaluates at every schedule boundary and at least once a second, so a
 * boundary, a wall-clock adjustment or a changed share reaches a ship in progress within a second.
 *
 * <p>Caps are in megabits (10<sup>6</sup> bits) per second; 0 means no cap. The schedule is read in the clock's
 * zone: {@link #forShipping} uses the JVM's default zone, the agent host's local time.
 */
public final class ScheduledRate implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledRate.class);
  static final Duration MAX_REFRESH_INTERVAL = Duration.ofSeconds(1);
  /** A floor on the delay between evaluations, so a clock that lags the scheduler cannot make it spin. */
  private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(1);
  private static final double BYTES_PER_SECOND_PER_MBPS = 1_000_000 / 8.0;

  private final RateLimiter limiter;
  private final BandwidthSchedule schedule;
  private final double fallbackMbps;
  private final Clock clock;
  private final AdaptiveRate adaptive;
  private final Object lock = new Object();
  private double capMbps;
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> nextRefresh;
  private boolean closed;

  /**
   * @param schedule the caps by day and time; {@link BandwidthSchedule#empty()} for the fallback alone
   * @param fallbackMbps the cap where no schedule entry matches; 0 for none
   * @param clock wall-clock time and the zone the schedule is read in
   */
  public ScheduledRate(RateLimiter limiter, BandwidthSchedule schedule, double fallbackMbps, Clock clock,
      AdaptiveRate adaptive) {
    if (!(fallbackMbps >= 0)) {
      throw new IllegalArgumentException("fallback cap must be >= 0 Mbit/s, got " + fallbackMbps);
    }
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.fallbackMbps = fallbackMbps;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.adaptive = Objects.requireNonNull(adaptive, "adaptive");
  }

  /** The shipping rate of {@code tandem.ship.bandwidth.*}, on the agent host's clock and local time zone. */
  public static ScheduledRate forShipping(TandemConfig config, RateLimiter limiter, AdaptiveRate adaptive) {
    return new ScheduledRate(limiter, config.shipBandwidthSchedule().orElse(BandwidthSchedule.empty()),
        config.shipBandwidthMbps(), Clock.systemDefaultZone(), adaptive);
  }

  public static double bytesPerSecond(double mbps) {
    return mbps * BYTES_PER_SECOND_PER_MBPS;
  }

  /**
   * Reads the cap for now and pushes the effective rate into the limiter.
   *
   * @return how long until the next evaluation: until the next schedule boundary, at most one second
   */
  public Duration refresh() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    synchronized (lock) {
      capMbps = schedule.mbpsAt(now, fallbackMbps);
      push();
    }
    Optional<Instant> change = schedule.nextChangeAfter(now);
    Duration untilChange = change.isPresent() ? Duration.between(now.toInstant(), change.get()) : MAX_REFRESH_INTERVAL;
    if (untilChange.compareTo(MAX_REFRESH_INTERVAL) > 0) {
      return MAX_REFRESH_INTERVAL;
    }
    return untilChange.compareTo(MIN_REFRESH_INTERVAL) < 0 ? MIN_REFRESH_INTERVAL : untilChange;
  }

  /** Feeds a round-trip sample to the adaptive share; a changed share reaches the limiter at once. */
  public void onRoundTrip(long rttMicros) {
    synchronized (lock) {
      if (adaptive.onRoundTrip(rttMicros)) {
        push();
      }
    }
  }

  /** The scheduled cap as last evaluated, in Mbit/s; 0 for none. */
  public double capMbps() {
    synchronized (lock) {
      return capMbps;
    }
  }

  /** Caller holds the lock. Only a changed rate is pushed, so waiting callers are not woken for nothing. */
  private void push() {
    double rate = capMbps == 0 ? 0 : bytesPerSecond(capMbps) * adaptive.fraction();
    if (rate != limiter.rate()) {
      limiter.setRate(rate);
    }
  }

  /** Evaluates now, so the limiter holds the right rate when this returns, then again on {@code executor}. */
  public void start(ScheduledExecutorService executor) {
    synchronized (lock) {
      if (closed || this.executor != null) {
        throw new IllegalStateException(closed ? "closed" : "already started");
      }
      this.executor = Objects.requireNonNull(executor, "executor");
    }
    refreshAndReschedule();
  }

  private void refreshAndReschedule() {
    Duration delay;
    try {
      delay = refresh();
    } catch (RuntimeException e) {
      LOG.warn("Could not re-evaluate the shipping bandwidth cap; trying again in {}", MAX_REFRESH_INTERVAL, e);
      delay = MAX_REFRESH_INTERVAL;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        nextRefresh = executor.schedule(this::refreshAndReschedule, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        LOG.info("Shipping bandwidth cap no longer re-evaluated: its executor has shut down");
      }
    }
  }

  /** Stops re-evaluating; the limiter keeps its last rate. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (nextRefresh != null) {
        nextRefresh.cancel(false);
      }
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ScheduledRate[cap " + (capMbps == 0 ? "none" : capMbps + " Mbit/s") + ", " + adaptive + ", " + limiter + "]";
    }
  }
}
