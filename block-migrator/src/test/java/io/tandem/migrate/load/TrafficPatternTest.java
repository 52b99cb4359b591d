package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Read- or write-heavy from the byte rates, random or sequential from the bytes per operation. */
class TrafficPatternTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long KIB = 1024;

  private static TrafficPattern classify(long bytesRead, long readOps, long bytesWritten, long writeOps) {
    return TrafficPattern.classify(ActivityRates.between(ActivityTotals.ZERO,
        new ActivityTotals(bytesRead, bytesWritten, readOps, writeOps), SECOND));
  }

  @Test
  void smallPositionalReadsAreReadRandom() {
    assertEquals("read-random", classify(1000 * 64 * KIB, 1000, 0, 0).code());
  }

  @Test
  void wholeBlockReadsAreReadSequential() {
    assertEquals("read-sequential", classify(10 * 128 * 1024 * KIB, 10, 0, 0).code());
  }

  @Test
  void blockWritesAreWriteSequential() {
    assertEquals("write-sequential", classify(KIB, 1, 4 * 128 * 1024 * KIB, 4).code());
  }

  @Test
  void manySmallWritesAreWriteRandom() {
    assertEquals("write-random", classify(0, 0, 500 * 4 * KIB, 500).code());
  }

  @Test
  void comparableReadsAndWritesAreMixed() {
    TrafficPattern p = classify(300 * KIB * 100, 100, 200 * KIB * 100, 100);
    assertEquals(TrafficPattern.Direction.MIXED, p.direction());
    assertEquals(TrafficPattern.Access.RANDOM, p.access());
  }

  @Test
  void dominanceIsTwiceTheOtherSide() {
    assertEquals(TrafficPattern.Direction.READ, classify(2_000_000, 1, 1_000_000, 1).direction());
    assertEquals(TrafficPattern.Direction.MIXED, classify(1_999_999, 1, 1_000_000, 1).direction());
    assertEquals(TrafficPattern.Direction.WRITE, classify(1_000_000, 1, 2_000_000, 1).direction());
  }

  @Test
  void theSizeThresholdIs256KiBPerOperation() {
    assertEquals(TrafficPattern.Access.SEQUENTIAL, classify(256 * KIB * 10, 10, 0, 0).access());
    assertEquals(TrafficPattern.Access.RANDOM, classify(256 * KIB * 10 - 1, 10, 0, 0).access());
  }

  @Test
  void bytesWithoutACompletedOperationAreLongTransfers() {
    assertEquals("write-sequential", classify(0, 0, 3 * 1024 * KIB, 0).code());
  }

  @Test
  void nothingMovedIsIdle() {
    assertEquals(TrafficPattern.IDLE, classify(0, 0, 0, 0));
    assertEquals(TrafficPattern.IDLE, TrafficPattern.classify(ActivityRates.IDLE));
  }

  @Test
  void codesRoundTrip() {
    for (TrafficPattern.Direction d : TrafficPattern.Direction.values()) {
      for (TrafficPattern.Access a : TrafficPattern.Access.values()) {
        if ((d == TrafficPattern.Direction.IDLE) == (a == TrafficPattern.Access.NONE)) {
          TrafficPattern p = TrafficPattern.of(d, a);
          assertEquals(p, TrafficPattern.parse(p.code()));
        } else {
          assertThrows(IllegalArgumentException.class, () -> TrafficPattern.of(d, a));
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> TrafficPattern.parse("seq"));
    assertThrows(IllegalArgumentException.class, () -> TrafficPattern.parse("read-none"));
    assertThrows(IllegalArgumentException.class, () -> TrafficPattern.parse(null));
  }
}
