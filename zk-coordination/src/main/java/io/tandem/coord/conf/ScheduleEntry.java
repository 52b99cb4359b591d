package io.tandem.coord.conf;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a {@link BandwidthSchedule}: the days it applies on, a time window in local minutes of the day and
 * the cap. A window whose end is before its start runs past midnight and belongs to the day it starts on, so
 * {@code fri 22:00-06:00} covers Friday night up to Saturday 06:00, not the small hours of Friday. Immutable.
 */
final class ScheduleEntry {
  static final int MINUTES_PER_DAY = 24 * 60;
  /** The stored rate of an {@code unlimited} entry; the parser refuses a literal 0, so 0 is unambiguous here. */
  static final double UNLIMITED = 0;

  private final Set<DayOfWeek> days;
  private final int startMinute;
  private final int endMinute;
  private final double mbps;

  /**
   * @param startMinute 0 to 1439
   * @param endMinute 1 to 1440 and not equal to the start; smaller than the start when the window wraps past midnight
   * @param mbps megabits per second, or {@link #UNLIMITED}
   */
  ScheduleEntry(Set<DayOfWeek> days, int startMinute, int endMinute, double mbps) {
    if (days.isEmpty() || startMinute < 0 || startMinute >= MINUTES_PER_DAY || endMinute <= 0
        || endMinute > MINUTES_PER_DAY || startMinute == endMinute || !(mbps >= 0)) {
      throw new IllegalArgumentException("not a schedule entry: " + days + " " + startMinute + "-" + endMinute + " " + mbps);
    }
    this.days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    this.startMinute = startMinute;
    this.endMinute = endMinute;
    this.mbps = mbps;
  }

  boolean covers(LocalDateTime t) {
    DayOfWeek day = t.getDayOfWeek();
    int minute = t.getHour() * 60 + t.getMinute();
    if (startMinute < endMinute) {
      return days.contains(day) && minute >= startMinute && minute < endMinute;
    }
    return (days.contains(day) && minute >= startMinute) || (days.contains(day.minus(1)) && minute < endMinute);
  }

  /** True when the entry matches at every moment, so no later entry can ever apply. */
  boolean coversEverything() {
    return days.size() == 7 && startMinute == 0 && endMinute == MINUTES_PER_DAY;
  }

  /** Megabits per second, or {@link #UNLIMITED}. */
  double mbps() {
    return mbps;
  }

  /** Minutes of the day at which this entry starts or stops matching (besides midnight, when the day changes). */
  List<Integer> boundaryMinutes() {
    List<Integer> out = new ArrayList<>();
    out.add(startMinute);
    out.add(endMinute % MINUTES_PER_DAY);
    return out;
  }

  /** The canonical form: {@code days times rate}, e.g. {@code mon-fri 08:00-18:00 50} or {@code sat-sun * unlimited}. */
  @Override
  public String toString() {
    return daysText() + " " + timesText() + " " + rateText();
  }

  private String daysText() {
    if (days.size() == 7) {
      return "*";
    }
    // Each run of consecutive days becomes one range; a run may cross from sunday to monday (fri-mon).
    List<String> runs = new ArrayList<>();
    for (DayOfWeek first : DayOfWeek.values()) {
      if (days.contains(first) && !days.contains(first.minus(1))) {
        DayOfWeek last = first;
        while (days.contains(last.plus(1))) {
          last = last.plus(1);
        }
        runs.add(last == first ? dayName(first) : dayName(first) + "-" + dayName(last));
      }
    }
    return String.join(",", runs);
  }

  static String dayName(DayOfWeek day) {
    return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }

  private String timesText() {
    if (startMinute == 0 && endMinute == MINUTES_PER_DAY) {
      return "*";
    }
    return clock(startMinute) + "-" + clock(endMinute);
  }

  private static String clock(int minuteOfDay) {
    return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }

  private String rateText() {
    return mbps == UNLIMITED ? "unlimited" : BigDecimal.valueOf(mbps).stripTrailingZeros().toPlainString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ScheduleEntry)) {
      return false;
    }
    ScheduleEntry other = (ScheduleEntry) o;
    return days.equals(other.days) && startMinute == other.startMinute && endMinute == other.endMinute
        && Double.compare(mbps, other.mbps) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(days, startMinute, endMinute, mbps);
  }
}
