package io.tandem.hadoop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The durations {@code tandem snapshot ship --timeout} takes. */
class ShipCommandTest {
  @Test
  void timeoutsAreDurations() {
    assertEquals(90_000, ShipCommand.durationMs("90s"));
    assertEquals(90_000, ShipCommand.durationMs("90"));
    assertEquals(600_000, ShipCommand.durationMs("10m"));
    assertEquals(7_200_000, ShipCommand.durationMs("2h"));
    assertEquals(250, ShipCommand.durationMs("250ms"));
    assertEquals(-1, ShipCommand.durationMs("soon"));
    assertEquals(-1, ShipCommand.durationMs("-5s"));
  }
}
