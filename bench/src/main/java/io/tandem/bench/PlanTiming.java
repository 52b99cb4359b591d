package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How fast a ship of a large volume with few changes gets going: snapshot diff read and planned, first byte out. */
final class PlanTiming {
  final int filesWanted;
  final int files;
  final int changed;
  final long createNanos;
  final ShipMeasure ship;
  final List<String> differences;

  PlanTiming(int filesWanted, int files, int changed, long createNanos, ShipMeasure ship, List<String> differences) {
    this.filesWanted = filesWanted;
    this.files = files;
    this.changed = changed;
    this.createNanos = createNanos;
    this.ship = ship;
    this.differences = List.copyOf(differences);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files_wanted", filesWanted);
    m.put("files", files);
    m.put("changed", changed);
    m.put("create_seconds_both_sites", Units.round(Units.seconds(createNanos), 1));
    m.put("ship", ship.json());
    m.put("identical", differences.isEmpty());
    return m;
  }
}
