package io.tandem.migrate.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What past moves the planner must remember: each block's last completed move (for the cooldown and to never move a
 * block back where it came from) and each DataNode's last failed move (for the backoff). The caller owns retention:
 * an entry dropped from the history no longer constrains the planner.
 */
public final class MoveHistory {
  private static final MoveHistory EMPTY = new MoveHistory(new HashMap<>(), new HashMap<>());

  private final Map<Long, LastMove> lastMoves;
  private final Map<String, Long> lastFailures;

  private MoveHistory(Map<Long, LastMove> lastMoves, Map<String, Long> lastFailures) {
    this.lastMoves = Collections.unmodifiableMap(lastMoves);
    this.lastFailures = Collections.unmodifiableMap(lastFailures);
  }

  public static MoveHistory empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder(new HashMap<>(), new HashMap<>());
  }

  /** A builder starting from this history, to record a round's outcomes. */
  public Builder toBuilder() {
    return new Builder(new HashMap<>(lastMoves), new HashMap<>(lastFailures));
  }

  public Optional<LastMove> lastMove(long blockId) {
    return Optional.ofNullable(lastMoves.get(blockId));
  }

  public OptionalLong lastFailureAtMs(String datanodeUuid) {
    Long at = lastFailures.get(datanodeUuid);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** Every block's last completed move. */
  public Collection<LastMove> lastMoves() {
    return lastMoves.values();
  }

  /** Whether the block's last move completed less than {@code windowMs} before {@code nowMs}. */
  public boolean movedWithin(long blockId, long nowMs, long windowMs) {
    LastMove last = lastMoves.get(blockId);
    return last != null && nowMs - last.atMs() < windowMs;
  }

  /** Whether the DataNode's last failed move was less than {@code windowMs} before {@code nowMs}. */
  public boolean failedWithin(String datanodeUuid, long nowMs, long windowMs) {
    Long at = lastFailures.get(datanodeUuid);
    return at != null && nowMs - at < windowMs;
  }

  /** Collects outcomes; a later record for the same block or DataNode replaces an earlier one. */
  public static final class Builder {
    private final Map<Long, LastMove> lastMoves;
    private final Map<String, Long> lastFailures;

    private Builder(Map<Long, LastMove> lastMoves, Map<String, Long> lastFailures) {
      this.lastMoves = lastMoves;
      this.lastFailures = lastFailures;
    }

    public Builder moved(long blockId, String from, String to, long atMs) {
      lastMoves.put(blockId, new LastMove(blockId, from, to, atMs));
      return this;
    }

    public Builder failed(String datanodeUuid, long atMs) {
      lastFailures.put(Objects.requireNonNull(datanodeUuid, "datanodeUuid"), atMs);
      return this;
    }

    /** Drops a block's entry, e.g. once it is older than any window the planner applies. */
    public Builder forgetBlock(long blockId) {
      lastMoves.remove(blockId);
      return this;
    }

    public MoveHistory build() {
      return new MoveHistory(new HashMap<>(lastMoves), new HashMap<>(lastFailures));
    }
  }
}
