package io.tandem.migrate.plan;

import java.util.Objects;

/** A hot DataNode, or one of its blocks, that the planner looked at and left, with why. */
public final class SkippedCandidate {
  private final String datanodeUuid;
  private final boolean concernsBlock;
  private final long blockId;
  private final SkipCause cause;
  private final String detail;

  private SkippedCandidate(String datanodeUuid, boolean concernsBlock, long blockId, SkipCause cause, String detail) {
    this.datanodeUuid = Objects.requireNonNull(datanodeUuid, "datanodeUuid");
    this.concernsBlock = concernsBlock;
    this.blockId = blockId;
    this.cause = Objects.requireNonNull(cause, "cause");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  static SkippedCandidate node(String datanodeUuid, SkipCause cause, String detail) {
    return new SkippedCandidate(datanodeUuid, false, 0, cause, detail);
  }

  static SkippedCandidate block(String datanodeUuid, long blockId, SkipCause cause, String detail) {
    return new SkippedCandidate(datanodeUuid, true, blockId, cause, detail);
  }

  /** The hot DataNode (the would-be source). */
  public String datanodeUuid() {
    return datanodeUuid;
  }

  /** False when the whole DataNode was skipped; then {@link #blockId} means nothing. */
  public boolean concernsBlock() {
    return concernsBlock;
  }

  public long blockId() {
    return blockId;
  }

  public SkipCause cause() {
    return cause;
  }

  /** Human-readable, for {@code tandem migrate plan}. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "skip " + (concernsBlock ? "block " + blockId + " on " : "") + datanodeUuid + ": " + detail;
  }
}
