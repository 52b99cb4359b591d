package io.tandem.coord.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Schedules on daylight-saving days in Europe/Berlin. In 2025 clocks jump from 02:00 CET to 03:00 CEST on Sunday
 * 30 March (01:00Z), and fall back from 03:00 CEST to 02:00 CET on Sunday 26 October (01:00Z), so 02:00-02:59 is
 * skipped in March and happens twice in October.
 */
class BandwidthScheduleDstTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double FALLBACK = 7;

  private static ZonedDateTime utc(String instant) {
    return Instant.parse(instant).atZone(BERLIN);
  }

  private static Optional<Instant> next(BandwidthSchedule s, String instant) {
    return s.nextChangeAfter(utc(instant));
  }

  private static Optional<Instant> instant(String s) {
    return Optional.of(Instant.parse(s));
  }

  @Test
  void skippedHourNeverMatchesAndTheNextChangeIsAWeekLater() {
    BandwidthSchedule s = BandwidthSchedule.parse("sun 02:00-03:00 10; * 100");
    assertEquals(100, s.mbpsAt(utc("2025-03-30T00:59:59Z"), FALLBACK), "01:59:59 CET");
    assertEquals(100, s.mbpsAt(utc("2025-03-30T01:00:00Z"), FALLBACK), "03:00 CEST");
    assertEquals(instant("2025-04-06T00:00:00Z"), next(s, "2025-03-30T00:30:00Z"), "02:00 CEST a week later");
  }

  @Test
  void windowStartingInTheSkippedHourStartsWhenTheClockJumps() {
    BandwidthSchedule s = BandwidthSchedule.parse("* 02:30-05:00 10; * 100");
    assertEquals(instant("2025-03-30T01:00:00Z"), next(s, "2025-03-30T00:30:00Z"), "the jump from 02:00 to 03:00");
    assertEquals(10, s.mbpsAt(utc("2025-03-30T01:00:00Z"), FALLBACK));
    assertEquals(instant("2025-03-30T03:00:00Z"), next(s, "2025-03-30T01:00:00Z"), "05:00 CEST");
  }

  @Test
  void repeatedHourMatchesBothTimes() {
    BandwidthSchedule s = BandwidthSchedule.parse("sun 02:00-03:00 10; * 100");
    assertEquals(instant("2025-10-26T00:00:00Z"), next(s, "2025-10-25T23:30:00Z"), "02:00 CEST");
    assertEquals(10, s.mbpsAt(utc("2025-10-26T00:30:00Z"), FALLBACK), "02:30 CEST");
    assertEquals(10, s.mbpsAt(utc("2025-10-26T01:30:00Z"), FALLBACK), "02:30 CET");
    assertEquals(instant("2025-10-26T02:00:00Z"), next(s, "2025-10-26T00:00:00Z"), "03:00 CET, two real hours later");
  }

  @Test
  void windowEndingInTheRepeatedHourMatchesAgainWhenTheClockFallsBack() {
    BandwidthSchedule s = BandwidthSchedule.parse("* 01:00-02:30 5; * 100");
    assertEquals(5, s.mbpsAt(utc("2025-10-25T23:30:00Z"), FALLBACK), "01:30 CEST");
    assertEquals(instant("2025-10-26T00:30:00Z"), next(s, "2025-10-25T23:30:00Z"), "02:30 CEST");
    assertEquals(instant("2025-10-26T01:00:00Z"), next(s, "2025-10-26T00:30:00Z"), "back to 02:00 CET");
    assertEquals(instant("2025-10-26T01:30:00Z"), next(s, "2025-10-26T01:00:00Z"), "02:30 CET");
    assertEquals(instant("2025-10-27T00:00:00Z"), next(s, "2025-10-26T01:30:00Z"), "01:00 CET the next day");
  }

  @Test
  void dayBoundariesFollowLocalMidnightAcrossTheChange() {
    BandwidthSchedule s = BandwidthSchedule.parse("sun * 10; * 100");
    assertEquals(10, s.mbpsAt(utc("2025-03-30T21:59:59Z"), FALLBACK), "23:59:59 CEST on sunday");
    assertEquals(instant("2025-03-30T22:00:00Z"), next(s, "2025-03-30T12:00:00Z"), "monday 00:00 CEST");
    assertEquals(instant("2025-10-25T22:00:00Z"), next(s, "2025-10-25T12:00:00Z"), "sunday 00:00 CEST");
    assertEquals(instant("2025-10-26T23:00:00Z"), next(s, "2025-10-26T12:00:00Z"), "monday 00:00 CET, 25 hours on");
  }
}
