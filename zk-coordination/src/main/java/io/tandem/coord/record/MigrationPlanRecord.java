package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.List;

/**
 * The leader's latest migration plan, for {@code tandem migrate plan}: the moves its last round chose (started
 * unless migration is paused) and why it left other candidates, one line each, and the DataNodes it counted hot.
 * Rewritten only when the plan changes.
 */
public final class MigrationPlanRecord implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("leaderEpoch") public final long leaderEpoch;
  @JsonProperty("atMs") public final long atMs;
  @JsonProperty("paused") public final boolean paused;
  @JsonProperty("hot") public final List<String> hotNodes;
  @JsonProperty("moves") public final List<String> moves;
  @JsonProperty("skipped") public final List<String> skipped;

  @JsonCreator
  public MigrationPlanRecord(@JsonProperty("v") int formatVersion, @JsonProperty("leaderEpoch") long leaderEpoch,
      @JsonProperty("atMs") long atMs, @JsonProperty("paused") boolean paused,
      @JsonProperty("hot") List<String> hotNodes, @JsonProperty("moves") List<String> moves,
      @JsonProperty("skipped") List<String> skipped) {
    this.formatVersion = formatVersion;
    this.leaderEpoch = leaderEpoch;
    this.atMs = atMs;
    this.paused = paused;
    this.hotNodes = hotNodes == null ? List.of() : List.copyOf(hotNodes);
    this.moves = moves == null ? List.of() : List.copyOf(moves);
    this.skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /** Same plan content (not time or epoch): no need to rewrite. */
  public boolean samePlanAs(MigrationPlanRecord other) {
    return other != null && paused == other.paused && hotNodes.equals(other.hotNodes) && moves.equals(other.moves)
        && skipped.equals(other.skipped);
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }
}
