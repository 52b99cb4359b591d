package io.tandem.migrate.plan;

import java.util.Objects;

/**
 * One replica to move: copy block {@link #blockId} to {@link #target}, then, once the copy is confirmed, remove the
 * replica on {@link #source}. Copy-then-delete is what keeps the block's live replica count from ever dropping.
 */
public final class PlannedMove {
  private final long blockId;
  private final long generationStamp;
  private final String source;
  private final String target;
  private final double loadShare;
  private final String reason;

  PlannedMove(long blockId, long generationStamp, String source, String target, double loadShare, String reason) {
    this.blockId = blockId;
    this.generationStamp = generationStamp;
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.loadShare = loadShare;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public long blockId() {
    return blockId;
  }

  /** The generation stamp planned against: a block whose stamp changed since (appended) is a different move. */
  public long generationStamp() {
    return generationStamp;
  }

  public String source() {
    return source;
  }

  public String target() {
    return target;
  }

  /** The load score (cluster mean 1) the move is projected to take off the source and add to the target. */
  public double loadShare() {
    return loadShare;
  }

  /** Human-readable: why this source, this block and this target. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "move block " + blockId + "_" + generationStamp + " " + source + " -> " + target + ": " + reason;
  }
}
