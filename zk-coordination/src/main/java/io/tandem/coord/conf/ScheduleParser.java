package io.tandem.coord.conf;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the bandwidth schedule grammar described in {@link BandwidthSchedule} and reports the first error with its
 * 1-based position. Entries are split at {@code ;}, fields at whitespace; whitespace next to a comma does not split,
 * so {@code sat, sun} is one field.
 */
final class ScheduleParser {
  static final double MAX_MBPS = 1_000_000;

  private static final String ENTRY_EXPECTED = "an entry like 'mon-fri 08:00-18:00 50'";
  private static final String DAY_EXPECTED = "a day (mon, tue, wed, thu, fri, sat or sun)";
  private static final String TIMES_EXPECTED = "a time range like 08:00-18:00 or '*'";
  private static final String RATE_EXPECTED = "a rate in megabits per second: a positive number such as 50 or 2.5,"
      + " or 'unlimited'";
  private static final Pattern TIME_RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

  private ScheduleParser() {}

  static List<ScheduleEntry> parse(String text) {
    List<ScheduleEntry> entries = new ArrayList<>();
    int catchAllPosition = 0;
    int segmentStart = 0;
    while (true) {
      int semicolon = text.indexOf(';', segmentStart);
      int segmentEnd = semicolon < 0 ? text.length() : semicolon;
      List<Field> fields = Field.split(text, segmentStart, segmentEnd);
      if (fields.isEmpty()) {
        // Only a trailing ';' may leave an empty entry behind it.
        if (semicolon >= 0 || entries.isEmpty()) {
          throw expected(segmentEnd + 1, ENTRY_EXPECTED, semicolon < 0 ? "the end of the schedule" : "';'");
        }
      } else {
        int position = fields.get(0).position(0);
        if (catchAllPosition > 0) {
          throw new ScheduleSyntaxException(position, "this entry can never apply: the entry at position "
              + catchAllPosition + " already covers every day and time, and the first matching entry wins");
        }
        ScheduleEntry entry = entry(fields);
        if (entry.coversEverything()) {
          catchAllPosition = position;
        }
        entries.add(entry);
      }
      if (semicolon < 0) {
        return entries;
      }
      segmentStart = semicolon + 1;
    }
  }

  /** {@code DAYS TIMES RATE}; with two fields the times (if it starts with a digit) or the days may be left out. */
  private static ScheduleEntry entry(List<Field> fields) {
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    int[] window = {0, ScheduleEntry.MINUTES_PER_DAY};
    Field rate;
    if (fields.size() == 1) {
      rate = fields.get(0);
    } else if (fields.size() == 2) {
      Field first = fields.get(0);
      if (Character.isDigit(first.text.charAt(0))) {
        window = window(first);
      } else {
        days = days(first);
      }
      rate = fields.get(1);
    } else {
      days = days(fields.get(0));
      window = window(fields.get(1));
      rate = fields.get(2);
    }
    double mbps = mbps(rate);
    if (fields.size() > 3) {
      Field extra = fields.get(3);
      throw expected(extra.position(0), "';' or the end of the schedule after the rate", extra.quotedFrom(0));
    }
    return new ScheduleEntry(days, window[0], window[1], mbps);
  }

  private static Set<DayOfWeek> days(Field f) {
    String t = f.text;
    if (t.equals("*")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    int i = 0;
    while (true) {
      int nameEnd = lettersEnd(t, i);
      DayOfWeek first = day(f, i, nameEnd);
      DayOfWeek last = first;
      int next = nameEnd;
      if (next < t.length() && t.charAt(next) == '-') {
        int secondEnd = lettersEnd(t, next + 1);
        last = day(f, next + 1, secondEnd);
        next = secondEnd;
      }
      // A range may wrap past sunday: fri-mon is fri, sat, sun, mon.
      for (DayOfWeek d = first; ; d = d.plus(1)) {
        out.add(d);
        if (d == last) {
          break;
        }
      }
      if (next == t.length()) {
        return out;
      }
      if (t.charAt(next) != ',') {
        throw expected(f.position(next), "',', '-' or a space after a day", f.quotedFrom(next));
      }
      i = next + 1;
    }
  }

  private static int lettersEnd(String t, int from) {
    int i = from;
    while (i < t.length() && Character.isLetter(t.charAt(i))) {
      i++;
    }
    return i;
  }

  private static DayOfWeek day(Field f, int from, int to) {
    if (from == to) {
      throw expected(f.position(from), DAY_EXPECTED, f.quotedFrom(from));
    }
    String name = f.text.substring(from, to).toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (name.equals(ScheduleEntry.dayName(d)) || name.equals(d.name().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw expected(f.position(from), DAY_EXPECTED, "'" + f.text.substring(from, to) + "'");
  }

  /** {@code *} or {@code HH:MM-HH:MM} as {start minute, end minute}; an end of 00:00 or 24:00 means midnight. */
  private static int[] window(Field f) {
    if (f.text.equals("*")) {
      return new int[] {0, ScheduleEntry.MINUTES_PER_DAY};
    }
    Matcher m = TIME_RANGE.matcher(f.text);
    if (!m.matches()) {
      throw expected(f.position(0), TIMES_EXPECTED, f.quotedFrom(0));
    }
    int startHour = number(f, m, 1, 23, "a start hour from 00 to 23 (24:00 may only end a range)");
    int startMinute = number(f, m, 2, 59, "minutes from 00 to 59");
    int endHour = number(f, m, 3, 24, "an end hour from 00 to 24");
    int endMinute = number(f, m, 4, 59, "minutes from 00 to 59");
    if (endHour == 24 && endMinute != 0) {
      throw expected(f.position(m.start(3)), "an end time no later than 24:00", "'" + m.group(3) + ":" + m.group(4) + "'");
    }
    int start = startHour * 60 + startMinute;
    int end = endHour * 60 + endMinute;
    if (start == end) {
      throw expected(f.position(0), "a time range whose start and end differ ('*' is the whole day)", f.quotedFrom(0));
    }
    return new int[] {start, end == 0 ? ScheduleEntry.MINUTES_PER_DAY : end};
  }

  private static int number(Field f, Matcher m, int group, int max, String what) {
    int value = Integer.parseInt(m.group(group));
    if (value > max) {
      throw expected(f.position(m.start(group)), what, "'" + m.group(group) + "'");
    }
    return value;
  }

  private static double mbps(Field f) {
    if (f.text.equalsIgnoreCase("unlimited")) {
      return ScheduleEntry.UNLIMITED;
    }
    if (!NUMBER.matcher(f.text).matches()) {
      throw expected(f.position(0), RATE_EXPECTED, f.quotedFrom(0));
    }
    double value = Double.parseDouble(f.text);
    if (value == 0) {
      // 0 reads as "no cap" to some and as "paused" to others; refusing it keeps both meanings open.
      throw expected(f.position(0), "a positive number of megabits per second, or 'unlimited' for no cap"
          + " (0 is refused here because it could mean either 'no cap' or 'paused')", "'" + f.text + "'");
    }
    if (value > MAX_MBPS) {
      throw expected(f.position(0), "at most 1000000 megabits per second, or 'unlimited'", "'" + f.text + "'");
    }
    return value;
  }

  private static ScheduleSyntaxException expected(int position, String what, String found) {
    return new ScheduleSyntaxException(position, "expected " + what + ", found " + found);
  }

  /** One whitespace-separated field of an entry, with the index in the schedule of each of its characters. */
  private static final class Field {
    private final String text;
    private final int[] index;

    private Field(String text, int[] index) {
      this.text = text;
      this.index = index;
    }

    static List<Field> split(String s, int from, int to) {
      List<Field> out = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      List<Integer> index = new ArrayList<>();
      boolean spaceSeen = false;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          spaceSeen = true;
          continue;
        }
        boolean nextToComma = c == ',' || (text.length() > 0 && text.charAt(text.length() - 1) == ',');
        if (spaceSeen && text.length() > 0 && !nextToComma) {
          out.add(of(text, index));
          text.setLength(0);
          index.clear();
        }
        spaceSeen = false;
        text.append(c);
        index.add(i);
      }
      if (text.length() > 0) {
        out.add(of(text, index));
      }
      return out;
    }

    private static Field of(StringBuilder text, List<Integer> index) {
      int[] idx = new int[index.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = index.get(i);
      }
      return new Field(text.toString(), idx);
    }

    /** The 1-based position in the schedule of character {@code i}; just past the field when {@code i} is its length. */
    int position(int i) {
      return i < index.length ? index[i] + 1 : index[index.length - 1] + 2;
    }

    String quotedFrom(int i) {
      return i < text.length() ? "'" + text.substring(i) + "'" : "nothing";
    }
  }
}
