package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/**
 * One entry of the routing table of block moves; written only by the leader, under its fence. A move goes PLANNED
 * (waiting to start, or to be retried after its backoff) to COPYING (the replica is being copied) to VERIFYING (the
 * NameNode must confirm it) to DONE, or back to PLANNED with one more attempt, or to FAILED when attempts run out.
 * {@code bytes} (the block's size) was added within format 1: older records lack it and read as 0.
 */
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
  @JsonProperty("bytes") public final long numBytes;

  @JsonCreator
  public MigrationRecord(@JsonProperty("v") int formatVersion, @JsonProperty("blockPool") String blockPool,
      @JsonProperty("blockId") long blockId, @JsonProperty("genStamp") long generationStamp,
      @JsonProperty("source") String source, @JsonProperty("target") String target,
      @JsonProperty("state") State state, @JsonProperty("attempts") int attempts,
      @JsonProperty("leaderEpoch") long leaderEpoch, @JsonProperty("updatedAtMs") long updatedAtMs,
      @JsonProperty("reason") String reason, @JsonProperty("bytes") long numBytes) {
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
    this.numBytes = numBytes;
  }

  /** A record without the block's size, as format 1 first defined it. */
  public MigrationRecord(int formatVersion, String blockPool, long blockId, long generationStamp, String source,
      String target, State state, int attempts, long leaderEpoch, long updatedAtMs, String reason) {
    this(formatVersion, blockPool, blockId, generationStamp, source, target, state, attempts, leaderEpoch, updatedAtMs,
        reason, 0);
  }

  /** The same move in another state. */
  public MigrationRecord withState(State newState, int newAttempts, long epoch, long nowMs, String why) {
    return new MigrationRecord(FORMAT, blockPool, blockId, generationStamp, source, target, newState, newAttempts,
        epoch, nowMs, why, numBytes);
  }

  /** The same move planned again for the block as it now is (another generation stamp or size after an append). */
  public MigrationRecord retried(long newGenerationStamp, long newNumBytes, int newAttempts, long epoch, long nowMs,
      String why) {
    return new MigrationRecord(FORMAT, blockPool, blockId, newGenerationStamp, source, target, State.PLANNED,
        newAttempts, epoch, nowMs, why, newNumBytes);
  }

  /** Whether the move still holds its DataNodes' move slots: every state but DONE and FAILED. */
  public boolean isActive() {
    return state != State.DONE && state != State.FAILED;
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
