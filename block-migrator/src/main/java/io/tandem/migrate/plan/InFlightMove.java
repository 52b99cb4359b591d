package io.tandem.migrate.plan;

import io.tandem.coord.record.MigrationRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A move already under way (in the routing table, not yet done or failed): it holds a slot on both DataNodes. */
public final class InFlightMove {
  private final long blockId;
  private final String source;
  private final String target;

  public InFlightMove(long blockId, String source, String target) {
    this.blockId = blockId;
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    if (source.equals(target)) {
      throw new IllegalArgumentException("move of block " + blockId + " has the same source and target " + source);
    }
  }

  /** The routing table's entries that still hold slots: every state but DONE and FAILED. */
  public static List<InFlightMove> activeIn(Collection<MigrationRecord> routingTable) {
    List<InFlightMove> active = new ArrayList<>();
    for (MigrationRecord r : routingTable) {
      if (r.state != MigrationRecord.State.DONE && r.state != MigrationRecord.State.FAILED) {
        active.add(new InFlightMove(r.blockId, r.source, r.target));
      }
    }
    return Collections.unmodifiableList(active);
  }

  public long blockId() {
    return blockId;
  }

  public String source() {
    return source;
  }

  public String target() {
    return target;
  }

  @Override
  public String toString() {
    return "block " + blockId + " " + source + " -> " + target + " (in flight)";
  }
}
