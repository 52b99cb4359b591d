package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rates from successive counter samples. */
class ActivityRatesTest {
  private static final long TWO_SECONDS = 2_000_000_000L;

  @Test
  void ratesAreTheDeltasOverTheWindow() {
    ActivityTotals earlier = new ActivityTotals(1_000, 500, 10, 1);
    ActivityTotals later = new ActivityTotals(9_000, 4_500, 30, 5);
    ActivityRates r = ActivityRates.between(earlier, later, TWO_SECONDS);
    assertEquals(4_000, r.bytesReadPerSec(), 1e-9);
    assertEquals(2_000, r.bytesWrittenPerSec(), 1e-9);
    assertEquals(10, r.readOpsPerSec(), 1e-9);
    assertEquals(2, r.writeOpsPerSec(), 1e-9);
    assertEquals(6_000, r.bytesPerSec(), 1e-9);
    assertEquals(12, r.opsPerSec(), 1e-9);
    assertEquals(TWO_SECONDS, r.windowNanos());
  }

  @Test
  void unchangedCountersAreIdle() {
    ActivityTotals t = new ActivityTotals(5, 5, 5, 5);
    ActivityRates r = ActivityRates.between(t, t, TWO_SECONDS);
    assertEquals(0, r.bytesPerSec());
    assertEquals(0, r.opsPerSec());
  }

  @Test
  void aCounterThatWentBackRestartedFromZeroAndCountsWhollyAsNew() {
    ActivityTotals beforeRestart = new ActivityTotals(1_000_000, 800, 100, 8);
    ActivityTotals afterRestart = new ActivityTotals(6_000, 2_800, 4, 10);
    ActivityRates r = ActivityRates.between(beforeRestart, afterRestart, TWO_SECONDS);
    // bytes read and read ops restarted: everything counted since is new
    assertEquals(3_000, r.bytesReadPerSec(), 1e-9);
    assertEquals(2, r.readOpsPerSec(), 1e-9);
    // the write counters kept counting
    assertEquals(1_000, r.bytesWrittenPerSec(), 1e-9);
    assertEquals(1, r.writeOpsPerSec(), 1e-9);
  }

  @Test
  void anEmptyOrBackwardsWindowIsIdleRatherThanInfinite() {
    ActivityTotals a = new ActivityTotals(0, 0, 0, 0);
    ActivityTotals b = new ActivityTotals(100, 100, 1, 1);
    assertEquals(0, ActivityRates.between(a, b, 0).bytesPerSec());
    assertEquals(0, ActivityRates.between(a, b, -5).opsPerSec());
  }

  @Test
  void totalsAccumulateAndRefuseNegativeCounters() {
    ActivityTotals t = ActivityTotals.ZERO.plus(10, 20, 1, 2).plus(5, 0, 1, 0);
    assertEquals(15, t.bytesRead());
    assertEquals(20, t.bytesWritten());
    assertEquals(2, t.readOps());
    assertEquals(2, t.writeOps());
    assertThrows(IllegalArgumentException.class, () -> new ActivityTotals(-1, 0, 0, 0));
  }
}
