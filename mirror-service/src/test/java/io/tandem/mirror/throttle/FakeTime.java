package io.tandem.mirror.throttle;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.LongSupplier;

/**
 * Simulated time for one test thread: a nanosecond clock, a {@link Sleeper} that advances it instead of waiting, a
 * wall {@link Clock} that moves with it, and events that fire at given times. An event due before a wait would end
 * fires at its time and ends the wait early, as a real signal would.
 */
final class FakeTime implements LongSupplier, Sleeper {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

  private final Instant wallAtZero;
  private long wallShiftNanos;
  private final TreeMap<Long, List<Runnable>> events = new TreeMap<>();
  private long now;
  private long waits;
  private long longestWait;

  FakeTime(Instant wallAtZero) {
    this.wallAtZero = wallAtZero;
  }

  FakeTime() {
    this(Instant.EPOCH);
  }

  @Override
  public long getAsLong() {
    return now;
  }

  long now() {
    return now;
  }

  /** Runs {@code event} when simulated time reaches {@code atNanos}. */
  void at(long atNanos, Runnable event) {
    events.computeIfAbsent(atNanos, k -> new ArrayList<>()).add(event);
  }

  /** Moves time on by {@code nanos}, firing the events due on the way: an idle stretch. */
  void advance(long nanos) {
    long target = now + nanos;
    while (!events.isEmpty() && events.firstKey() <= target) {
      fireFirst();
    }
    now = target;
  }

  @Override
  public void await(Condition condition, long nanos) {
    waits++;
    longestWait = Math.max(longestWait, nanos);
    long target = now + nanos;
    if (!events.isEmpty() && events.firstKey() <= target) {
      fireFirst();
      return;
    }
    now = target;
  }

  private void fireFirst() {
    Map.Entry<Long, List<Runnable>> first = events.pollFirstEntry();
    now = Math.max(now, first.getKey());
    for (Runnable event : first.getValue()) {
      event.run();
    }
  }

  /** Sets the wall clock forward (or back, if negative) without moving the nanosecond clock, as NTP or an operator may. */
  void shiftWallClock(long nanos) {
    wallShiftNanos += nanos;
  }

  long waits() {
    return waits;
  }

  long longestWait() {
    return longestWait;
  }

  /** Wall-clock time that moves with the simulated nanoseconds, in {@code zone}. */
  Clock clock(ZoneId zone) {
    return new SimulatedClock(zone);
  }

  private final class SimulatedClock extends Clock {
    private final ZoneId zone;

    SimulatedClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new SimulatedClock(z);
    }

    @Override
    public Instant instant() {
      return wallAtZero.plusNanos(now + wallShiftNanos);
    }
  }
}
