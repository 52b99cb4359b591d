package io.tandem.coord.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogEveryTest {
  @Test
  void theFirstPassesThenOnePerIntervalWithTheCountHeldBack() {
    LogEvery every = new LogEvery(10_000);
    assertEquals(1, every.occurred(0), "the first is logged at once, even at time 0");
    assertEquals(0, every.occurred(1));
    assertEquals(0, every.occurred(9_999));
    assertEquals(3, every.occurred(10_000), "two held back, and this one");
    assertEquals(0, every.occurred(15_000));
    assertEquals(2, every.occurred(25_000));
  }
}
