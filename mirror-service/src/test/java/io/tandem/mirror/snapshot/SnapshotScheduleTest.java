package io.tandem.mirror.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {
  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00.000Z");

  @Test
  void namesSortByTimeAndCarryTheSite() {
    String a = SnapshotNames.name(T0, "site-a");
    assertEquals("tandem-20261126T120000.000Z-site-a", a);
    assertEquals(T0, SnapshotNames.takenAt(a).orElseThrow());
    List<String> names = new ArrayList<>();
    for (int i = 5; i >= 0; i--) {
      names.add(SnapshotNames.name(T0.plusMillis(i * 999L), "site-b"));
    }
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    Collections.reverse(names);
    assertEquals(names, sorted);
    assertFalse(SnapshotNames.isTandem("nightly-backup"));
    assertFalse(SnapshotNames.isTandem("tandem-notatime-site-a"));
  }

  @Test
  void dueOnceAnIntervalHasPassedSinceTheNewest() {
    List<String> existing = List.of(SnapshotNames.name(T0, "site-a"), "operator-snapshot");
    assertTrue(SnapshotSchedule.due(60_000, List.of(), T0));
    assertFalse(SnapshotSchedule.due(60_000, existing, T0.plusSeconds(59)));
    assertTrue(SnapshotSchedule.due(60_000, existing, T0.plusSeconds(60)));
    assertFalse(SnapshotSchedule.due(0, List.of(), T0), "no schedule");
  }
}
