package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.List;

/**
 * The leader's dry run, for {@code tandem migrate plan}: the moves its next round would start if nothing changed
 * (planned after the last round's own moves were counted as under way, nothing of it started), why it would leave the
 * other candidates, one line each, the DataNodes it counted hot, and the moves the last round did start. Rewritten
 * only when it changes.
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
  /** The moves the round that made this dry run started (none while paused). */
  @JsonProperty("started") public final List<String> started;

  @JsonCreator
  public MigrationPlanRecord(@JsonProperty("v") int formatVersion, @JsonProperty("leaderEpoch") long leaderEpoch,
      @JsonProperty("atMs") long atMs, @JsonProperty("paused") boolean paused,
      @JsonProperty("hot") List<String> hotNodes, @JsonProperty("moves") List<String> moves,
      @JsonProperty("skipped") List<String> skipped, @JsonProperty("started") List<String> started) {
    this.formatVersion = formatVersion;
    this.leaderEpoch = leaderEpoch;
    this.atMs = atMs;
    this.paused = paused;
    this.hotNodes = hotNodes == null ? List.of() : List.copyOf(hotNodes);
    this.moves = moves == null ? List.of() : List.copyOf(moves);
    this.skipped = skipped == null ? List.of() : List.copyOf(skipped);
    this.started = started == null ? List.of() : List.copyOf(started);
  }

  /** Same plan content (not time or epoch): no need to rewrite. */
  public boolean samePlanAs(MigrationPlanRecord other) {
    return other != null && paused == other.paused && hotNodes.equals(other.hotNodes) && moves.equals(other.moves)
        && skipped.equals(other.skipped) && started.equals(other.started);
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
