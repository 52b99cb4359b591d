package io.tandem.coord.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grammar, matching and change points of bandwidth schedules, in UTC (see {@link BandwidthScheduleDstTest}). */
class BandwidthScheduleTest {
  private static final String ISSUE_EXAMPLE = "mon-fri 08:00-18:00 50; sat,sun * 400; * 200";
  private static final double FALLBACK = 7;

  /** 2025-06-02 is a Monday; {@code day} counts from it (0 = mon ... 6 = sun). */
  private static ZonedDateTime at(int day, String time) {
    return LocalDateTime.parse("2025-06-02T" + time).plusDays(day).atZone(ZoneOffset.UTC);
  }

  private static double mbps(String schedule, int day, String time) {
    return BandwidthSchedule.parse(schedule).mbpsAt(at(day, time), FALLBACK);
  }

  @Test
  void issueExampleGivesEachEntryItsDaysAndHours() {
    assertEquals(50, mbps(ISSUE_EXAMPLE, 2, "10:00"));
    assertEquals(50, mbps(ISSUE_EXAMPLE, 0, "08:00"));
    assertEquals(50, mbps(ISSUE_EXAMPLE, 4, "17:59:59.999"));
    assertEquals(200, mbps(ISSUE_EXAMPLE, 4, "18:00"), "the end of a time range is exclusive");
    assertEquals(200, mbps(ISSUE_EXAMPLE, 0, "07:59:59"));
    assertEquals(400, mbps(ISSUE_EXAMPLE, 5, "12:00"));
    assertEquals(400, mbps(ISSUE_EXAMPLE, 6, "23:59:59"));
  }

  @Test
  void fallbackAppliesWhereNoEntryMatches() {
    assertEquals(FALLBACK, mbps("mon-fri 08:00-18:00 50", 5, "12:00"));
    assertEquals(FALLBACK, mbps("mon-fri 08:00-18:00 50", 0, "18:00"));
  }

  @Test
  void firstMatchingEntryWins() {
    String s = "mon 09:00-10:00 10; mon * 20; * 12:00-13:00 30; * 40";
    assertEquals(10, mbps(s, 0, "09:30"));
    assertEquals(20, mbps(s, 0, "12:30"), "the whole-monday entry comes before the noon entry");
    assertEquals(30, mbps(s, 1, "12:30"));
    assertEquals(40, mbps(s, 1, "09:30"));
  }

  @Test
  void dayRangesMayWrapPastSunday() {
    String s = "fri-mon * 10";
    assertEquals(10, mbps(s, 4, "12:00"));
    assertEquals(10, mbps(s, 5, "12:00"));
    assertEquals(10, mbps(s, 6, "12:00"));
    assertEquals(10, mbps(s, 0, "12:00"));
    assertEquals(FALLBACK, mbps(s, 1, "12:00"));
    assertEquals(FALLBACK, mbps(s, 3, "23:59"));
  }

  @Test
  void timeRangeEndingBeforeItsStartRunsPastMidnightFromTheDayItStarts() {
    String s = "fri 22:00-06:00 10";
    assertEquals(10, mbps(s, 4, "22:00"));
    assertEquals(10, mbps(s, 4, "23:59"));
    assertEquals(10, mbps(s, 5, "00:00"));
    assertEquals(10, mbps(s, 5, "05:59"));
    assertEquals(FALLBACK, mbps(s, 5, "06:00"));
    assertEquals(FALLBACK, mbps(s, 4, "05:00"), "friday's small hours belong to thursday night");
    assertEquals(FALLBACK, mbps(s, 5, "22:30"));
  }

  @Test
  void midnightMayEndARangeAs2400Or0000() {
    for (String s : new String[] {"* 22:00-24:00 5", "* 22:00-00:00 5"}) {
      assertEquals(5, mbps(s, 0, "23:59:59"), s);
      assertEquals(FALLBACK, mbps(s, 1, "00:00"), s);
      assertEquals("* 22:00-24:00 5", BandwidthSchedule.parse(s).toString());
    }
    assertEquals("* * 5", BandwidthSchedule.parse("* 00:00-24:00 5").toString());
  }

  @Test
  void daysOrTimesMayBeLeftOut() {
    assertEquals(5, mbps("08:00-18:00 5", 6, "09:00"));
    assertEquals(FALLBACK, mbps("08:00-18:00 5", 6, "19:00"));
    assertEquals(5, mbps("sat,sun 5", 6, "03:00"));
    assertEquals(5, mbps("5", 2, "03:00"));
    assertEquals("* 08:00-18:00 5; sat-sun * 6; * * 7", BandwidthSchedule.parse("08:00-18:00 5; sat,sun 6; 7").toString());
  }

  @Test
  void unlimitedMeansNoCapWhichIsZeroAsForTheMbpsKey() {
    assertEquals(0, mbps("sat,sun * unlimited; * 100", 5, "12:00"));
    assertEquals(100, mbps("sat,sun * UNLIMITED; * 100", 4, "12:00"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mon-fri 08:00-18:00 50; sat,sun * 400; * 200         | mon-fri 08:00-18:00 50; sat-sun * 400; * * 200",
      "'MON-Fri\t08:00-18:00  50 ;\n sat , sun * 400;'      | mon-fri 08:00-18:00 50; sat-sun * 400",
      "monday-friday 8:00-9:30 2.50                         | mon-fri 08:00-09:30 2.5",
      "sun,mon,tue,wed,thu,fri,sat * 100.0                  | * * 100",
      "fri-mon,wed 22:00-06:00 0.125                        | wed,fri-mon 22:00-06:00 0.125",
      "tue,mon,sat 1; sun-sat 2                             | mon-tue,sat * 1; * * 2",
      "mon-mon * unlimited                                  | mon * unlimited",
  })
  void toStringIsCanonicalAndRoundTrips(String text, String canonical) {
    BandwidthSchedule parsed = BandwidthSchedule.parse(text);
    assertEquals(canonical, parsed.toString());
    BandwidthSchedule again = BandwidthSchedule.parse(parsed.toString());
    assertEquals(parsed, again);
    assertEquals(parsed.hashCode(), again.hashCode());
    assertEquals(canonical, again.toString());
  }

  @Test
  void schedulesThatMeanTheSameAreEqual() {
    assertEquals(BandwidthSchedule.parse("sat,sun * 400"), BandwidthSchedule.parse("sat-sun 00:00-24:00 400"));
    assertFalse(BandwidthSchedule.parse("sat * 400").equals(BandwidthSchedule.parse("sat * 401")));
  }

  @Test
  void nextChangeIsTheNextBoundaryWhereTheRateDiffers() {
    BandwidthSchedule s = BandwidthSchedule.parse(ISSUE_EXAMPLE);
    assertEquals(Optional.of(at(2, "18:00").toInstant()), s.nextChangeAfter(at(2, "10:00")));
    assertEquals(Optional.of(at(0, "08:00").toInstant()), s.nextChangeAfter(at(0, "00:00")));
    assertEquals(Optional.of(at(3, "08:00").toInstant()), s.nextChangeAfter(at(2, "18:00")),
        "strictly after: at a boundary the next one is found");
    assertEquals(Optional.of(at(5, "00:00").toInstant()), s.nextChangeAfter(at(4, "18:00")));
    assertEquals(Optional.of(at(7, "00:00").toInstant()), s.nextChangeAfter(at(6, "12:00")));
  }

  @Test
  void nextChangeSkipsBoundariesWhereTheRateStaysTheSame() {
    BandwidthSchedule s = BandwidthSchedule.parse("mon-fri 08:00-18:00 50");
    assertEquals(Optional.of(at(7, "08:00").toInstant()), s.nextChangeAfter(at(4, "18:00")),
        "no entry matches all weekend, so nothing changes before monday");
    BandwidthSchedule sameRate = BandwidthSchedule.parse("mon 09:00-10:00 20; mon * 20; * 30");
    assertEquals(Optional.of(at(1, "00:00").toInstant()), sameRate.nextChangeAfter(at(0, "08:00")));
  }

  @Test
  void nextChangeFollowsWrappingRanges() {
    BandwidthSchedule s = BandwidthSchedule.parse("fri 22:00-06:00 10");
    assertEquals(Optional.of(at(4, "22:00").toInstant()), s.nextChangeAfter(at(4, "12:00")));
    assertEquals(Optional.of(at(5, "06:00").toInstant()), s.nextChangeAfter(at(4, "22:00")));
    assertEquals(Optional.of(at(11, "22:00").toInstant()), s.nextChangeAfter(at(5, "06:00")));
  }

  @Test
  void constantScheduleNeverChanges() {
    assertEquals(Optional.empty(), BandwidthSchedule.parse("* 200").nextChangeAfter(at(0, "12:00")));
    assertEquals(Optional.empty(), BandwidthSchedule.parse("mon * 200; * 200").nextChangeAfter(at(3, "12:00")));
    assertEquals(Optional.empty(), BandwidthSchedule.empty().nextChangeAfter(at(3, "12:00")));
  }

  @Test
  void emptyScheduleAlwaysFallsBack() {
    assertTrue(BandwidthSchedule.empty().isEmpty());
    assertEquals(FALLBACK, BandwidthSchedule.empty().mbpsAt(at(0, "12:00"), FALLBACK));
    assertFalse(BandwidthSchedule.parse("* 1").isEmpty());
  }

  @Test
  void nextChangeIsAnInstantInUtcForAnyZone() {
    ZonedDateTime tokyo = at(0, "07:00").withZoneSameLocal(ZoneId.of("Asia/Tokyo"));
    assertEquals(Optional.of(Instant.parse("2025-06-01T23:00:00Z")),
        BandwidthSchedule.parse("mon 08:00-09:00 1").nextChangeAfter(tokyo));
  }
}
