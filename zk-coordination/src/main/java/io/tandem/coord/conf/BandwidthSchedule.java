package io.tandem.coord.conf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Bandwidth caps by day of week and time of day: the value of {@code tandem.ship.bandwidth.schedule}. Immutable.
 *
 * <h2>Grammar</h2>
 * <pre>
 *   schedule := entry (';' entry)* [';']
 *   entry    := [DAYS] [TIMES] RATE          fields separated by whitespace
 *   DAYS     := '*' | item (',' item)*       item := day | day '-' day
 *   day      := mon | tue | wed | thu | fri | sat | sun   (or the full name; any case)
 *   TIMES    := '*' | HH:MM '-' HH:MM        hour 0-23 (1 or 2 digits), minutes 00-59
 *   RATE     := a positive decimal number of megabits per second | 'unlimited'
 * </pre>
 * Examples: {@code mon-fri 08:00-18:00 50; sat,sun * 400; * 200} and {@code fri 22:00-06:00 unlimited}.
 * <ul>
 *   <li>An omitted DAYS or TIMES is {@code *}. With two fields, the first is TIMES if it starts with a digit, else
 *       DAYS; a single field is a rate for every day and time.</li>
 *   <li>Day ranges may wrap past sunday: {@code fri-mon} is fri, sat, sun and mon.</li>
 *   <li>Time ranges are local wall-clock times with an exclusive end; {@code 24:00} (or {@code 00:00}) as the end
 *       means midnight. A range whose end is before its start runs past midnight and belongs to the day it starts
 *       on: {@code fri 22:00-06:00} is Friday 22:00 to Saturday 06:00.</li>
 *   <li>A megabit is 10<sup>6</sup> bits. {@code unlimited} means no cap. A literal {@code 0} is refused: it reads
 *       as "no cap" to some (as {@code tandem.ship.bandwidth.mbps=0} does) and as "paused" to others.</li>
 *   <li>The first entry that matches wins; when none matches, {@code tandem.ship.bandwidth.mbps} applies. An entry
 *       after one that covers every day and time could never apply, and is refused.</li>
 * </ul>
 * Errors are reported as {@link ScheduleSyntaxException} with the 1-based position of the first problem.
 *
 * <h2>Time zone</h2>
 * The schedule has no zone of its own: callers evaluate it at a {@link ZonedDateTime} in the zone they choose, and
 * the agent uses its JVM's default zone (the host's local time). Across a daylight-saving change, local times that
 * are skipped never match and local times that repeat match both times.
 */
public final class BandwidthSchedule {
  private static final BandwidthSchedule EMPTY = new BandwidthSchedule(List.of());
  /** Two weeks and a day: a weekly pattern shows every change in that span, even one a DST gap skipped once. */
  private static final int HORIZON_DAYS = 15;

  private final List<ScheduleEntry> entries;
  private final NavigableSet<Integer> boundaryMinutes;

  private BandwidthSchedule(List<ScheduleEntry> entries) {
    this.entries = List.copyOf(entries);
    TreeSet<Integer> minutes = new TreeSet<>();
    minutes.add(0);
    for (ScheduleEntry e : entries) {
      minutes.addAll(e.boundaryMinutes());
    }
    this.boundaryMinutes = Collections.unmodifiableNavigableSet(minutes);
  }

  /**
   * Parses a schedule.
   *
   * @throws ScheduleSyntaxException naming the position of the first error and what was expected there
   */
  public static BandwidthSchedule parse(String text) {
    return new BandwidthSchedule(ScheduleParser.parse(Objects.requireNonNull(text, "text")));
  }

  /** A schedule without entries: the fallback cap always applies. */
  public static BandwidthSchedule empty() {
    return EMPTY;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The cap in megabits per second at {@code t} (in {@code t}'s zone): the first matching entry's rate, or
   * {@code fallbackMbps} when none matches. 0 means no cap, as for {@code tandem.ship.bandwidth.mbps}; an
   * {@code unlimited} entry yields 0.
   */
  public double mbpsAt(ZonedDateTime t, double fallbackMbps) {
    ScheduleEntry e = entryAt(t.toLocalDateTime());
    return e == null ? fallbackMbps : e.mbps();
  }

  /**
   * The first instant after {@code t} at which the matching entry changes to one with another rate, or from an
   * entry to none or back: the moment a limiter should re-evaluate. Takes daylight-saving transitions of {@code t}'s
   * zone into account. Empty when the cap never changes.
   */
  public Optional<Instant> nextChangeAfter(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    Instant from = t.toInstant();
    Double current = rateKey(t.toLocalDateTime());
    for (Instant candidate : candidatesAfter(t.toLocalDate(), zone, from)) {
      if (!Objects.equals(rateKey(LocalDateTime.ofInstant(candidate, zone)), current)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Every instant after {@code from} within the horizon at which the result may change: each boundary minute of
   * each day (at both offsets when the local time repeats) and each offset transition, where local time jumps.
   */
  private NavigableSet<Instant> candidatesAfter(LocalDate firstDay, ZoneId zone, Instant from) {
    TreeSet<Instant> candidates = new TreeSet<>();
    for (int d = 0; d <= HORIZON_DAYS; d++) {
      LocalDate day = firstDay.plusDays(d);
      for (int minute : boundaryMinutes) {
        ZonedDateTime local = ZonedDateTime.of(day.atStartOfDay().plusMinutes(minute), zone);
        candidates.add(local.withEarlierOffsetAtOverlap().toInstant());
        candidates.add(local.withLaterOffsetAtOverlap().toInstant());
      }
    }
    Instant horizon = ZonedDateTime.of(firstDay.plusDays(HORIZON_DAYS + 1L).atStartOfDay(), zone).toInstant();
    ZoneRules rules = zone.getRules();
    for (ZoneOffsetTransition tr = rules.nextTransition(from); tr != null && tr.getInstant().isBefore(horizon);
        tr = rules.nextTransition(tr.getInstant())) {
      candidates.add(tr.getInstant());
    }
    return candidates.tailSet(from, false);
  }

  private ScheduleEntry entryAt(LocalDateTime t) {
    for (ScheduleEntry e : entries) {
      if (e.covers(t)) {
        return e;
      }
    }
    return null;
  }

  /** The matching entry's rate, or null when the fallback applies. */
  private Double rateKey(LocalDateTime t) {
    ScheduleEntry e = entryAt(t);
    return e == null ? null : e.mbps();
  }

  /** The canonical form, which parses back to an equal schedule, e.g. {@code mon-fri 08:00-18:00 50; sat-sun * 400}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (ScheduleEntry e : entries) {
      parts.add(e.toString());
    }
    return String.join("; ", parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BandwidthSchedule && entries.equals(((BandwidthSchedule) o).entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }
}
