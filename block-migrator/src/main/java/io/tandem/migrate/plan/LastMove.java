package io.tandem.migrate.plan;

import java.util.Objects;

/** The most recent completed move of one block. */
public final class LastMove {
  private final long blockId;
  private final String from;
  private final String to;
  private final long atMs;

  public LastMove(long blockId, String from, String to, long atMs) {
    this.blockId = blockId;
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.atMs = atMs;
  }

  public long blockId() {
    return blockId;
  }

  /** The DataNode the block was moved off; it will not be moved back there (no ping-pong). */
  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  public long atMs() {
    return atMs;
  }

  @Override
  public String toString() {
    return "block " + blockId + " " + from + " -> " + to + " at " + atMs;
  }
}
