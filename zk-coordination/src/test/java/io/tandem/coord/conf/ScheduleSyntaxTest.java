package io.tandem.coord.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad schedule is refused with the 1-based position of its first error, what was expected and what was found. */
class ScheduleSyntaxTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "mon-fri 8-18 50                | 9  | expected a time range like 08:00-18:00 or '*', found '8-18'",
      "mon-fry 08:00-18:00 50         | 5  | expected a day (mon, tue, wed, thu, fri, sat or sun), found 'fry'",
      "weekdays 08:00-18:00 50        | 1  | expected a day (mon, tue, wed, thu, fri, sat or sun), found 'weekdays'",
      "mon-fri 08:00-25:00 50         | 15 | expected an end hour from 00 to 24, found '25'",
      "mon-fri 08:60-18:00 50         | 12 | expected minutes from 00 to 59, found '60'",
      "mon-fri 08:00-24:30 50         | 15 | expected an end time no later than 24:00, found '24:30'",
      "24:00-06:00 5                  | 1  | expected a start hour from 00 to 23 (24:00 may only end a range), found '24'",
      "08:00-08:00 5                  | 1  | expected a time range whose start and end differ ('*' is the whole day), found '08:00-08:00'",
      "mon-fri 08:00-18:00 fast       | 21 | expected a rate in megabits per second: a positive number such as 50 or 2.5, or 'unlimited', found 'fast'",
      "mon-fri 08:00-18:00 -5         | 21 | expected a rate in megabits per second: a positive number such as 50 or 2.5, or 'unlimited', found '-5'",
      "* 1e3                          | 3  | expected a rate in megabits per second: a positive number such as 50 or 2.5, or 'unlimited', found '1e3'",
      "* 2000000                      | 3  | expected at most 1000000 megabits per second, or 'unlimited', found '2000000'",
      "mon-fri 08:00-18:00 50 mbps    | 24 | expected ';' or the end of the schedule after the rate, found 'mbps'",
      "mon-fri08:00-18:00 50          | 8  | expected ',', '-' or a space after a day, found '08:00-18:00'",
      "mon,,tue * 5                   | 5  | expected a day (mon, tue, wed, thu, fri, sat or sun), found ',tue'",
      "mon- * 5                       | 5  | expected a day (mon, tue, wed, thu, fri, sat or sun), found nothing",
      "mon-fri 08:00 - 18:00 50       | 9  | expected a time range like 08:00-18:00 or '*', found '08:00'",
      "; * 200                        | 1  | expected an entry like 'mon-fri 08:00-18:00 50', found ';'",
      "* 200;; * 100                  | 7  | expected an entry like 'mon-fri 08:00-18:00 50', found ';'",
      "\"\"                           | 1  | expected an entry like 'mon-fri 08:00-18:00 50', found the end of the schedule",
      "* 200; mon 100                 | 8  | this entry can never apply: the entry at position 1 already covers every day and time, and the first matching entry wins",
  })
  void errorNamesItsPosition(String schedule, int position, String detail) {
    ScheduleSyntaxException e = assertThrows(ScheduleSyntaxException.class, () -> BandwidthSchedule.parse(schedule));
    assertEquals(position, e.position(), e.getMessage());
    assertEquals("at position " + position + ": " + detail, e.detail());
    assertEquals("tandem.ship.bandwidth.schedule: " + e.detail(), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "mon-fri 08:00-18:00 50; sat,sun * 400; * 2OO    | 2OO",
      "mon-fri 08:00-18:00 50; sat, sun 8-18 400       | 8-18",
      "sat , sun * 400; sat , xyz * 5                  | xyz",
      "'mon-fri 08:00-18:00 50;\n  tue 07:00-07:30 0'  | 0",
  })
  void positionCountsFromTheStartOfTheWholeScheduleThroughWhitespaceAndEntries(String schedule, String culprit) {
    ScheduleSyntaxException e = assertThrows(ScheduleSyntaxException.class, () -> BandwidthSchedule.parse(schedule));
    assertEquals(schedule.lastIndexOf(culprit) + 1, e.position(), e.getMessage());
  }
}
