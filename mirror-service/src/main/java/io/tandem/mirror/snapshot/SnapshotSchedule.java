package io.tandem.mirror.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pure: whether a volume is due for a snapshot, given its interval and the snapshots it has. */
public final class SnapshotSchedule {
  private SnapshotSchedule() {}

  /** Due when the volume has none of Tandem's snapshots yet, or the newest is at least an interval old. */
  public static boolean due(long intervalMs, List<String> existing, Instant now) {
    if (intervalMs <= 0) {
      return false;
    }
    Optional<Instant> newest = Optional.empty();
    for (String name : existing) {
      Optional<Instant> t = SnapshotNames.takenAt(name);
      if (t.isPresent() && (newest.isEmpty() || t.get().isAfter(newest.get()))) {
        newest = t;
      }
    }
    return newest.isEmpty() || now.toEpochMilli() - newest.get().toEpochMilli() >= intervalMs;
  }
}
