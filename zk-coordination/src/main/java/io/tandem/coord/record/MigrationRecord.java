package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** One entry of the routing table of in-flight block moves; written only by the leader, under its fence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MigrationRecord implements StoredRecord {
  public static final int FORMAT = 1;

  /** Where a move stands. */
  public enum State { PLANNED, COPYING, VERIFYING, DONE, FAILED }

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("blockPool") public final String blockPool;
  @JsonProperty("blockId") public final long blockId;
  @JsonProperty("genStamp") public final long generationStamp;
  @JsonProperty("source") public final String source;
  @JsonProperty("target") public final String target;
  @JsonProperty("state") public final State state;
  @JsonProperty("attempts") public final int attempts;
  @JsonProperty("leaderEpoch") public final long leaderEpoch;
  @JsonProperty("updatedAtMs") public final long updatedAtMs;
  @JsonProperty("reason") public final String reason;

  @JsonCreator
  public MigrationRecord(@JsonProperty("v") int formatVersion, @JsonProperty("blockPool") String blockPool,
      @JsonProperty("blockId") long blockId, @JsonProperty("genStamp") long generationStamp,
      @JsonProperty("source") String source, @JsonProperty("target") String target,
      @JsonProperty("state") State state, @JsonProperty("attempts") int attempts,
      @JsonProperty("leaderEpoch") long leaderEpoch, @JsonProperty("updatedAtMs") long updatedAtMs,
      @JsonProperty("reason") String reason) {
    this.formatVersion = formatVersion;
    this.blockPool = blockPool;
    this.blockId = blockId;
    this.generationStamp = generationStamp;
    this.source = source;
    this.target = target;
    this.state = state;
    this.attempts = attempts;
    this.leaderEpoch = leaderEpoch;
    this.updatedAtMs = updatedAtMs;
    this.reason = reason;
  }

  /** The same move in another state. */
  public MigrationRecord withState(State newState, int newAttempts, long epoch, long nowMs, String why) {
    return new MigrationRecord(FORMAT, blockPool, blockId, generationStamp, source, target, newState, newAttempts,
        epoch, nowMs, why);
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }

  @Override
  public String toString() {
    return "move of block " + blockId + "_" + generationStamp + " " + source + " -> " + target + " (" + state
        + ", attempt " + attempts + ")";
  }
}
