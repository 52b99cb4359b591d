package io.tandem.migrate.plan;

import java.util.Objects;

/**
 * How hot one block's replica on one DataNode is: the reads it serves there. Moving the replica moves this heat to
 * the target, on the assumption that readers follow the replica.
 */
public final class BlockHeat {
  private final String datanodeUuid;
  private final long blockId;
  private final double readsPerSec;
  private final double bytesReadPerSec;

  public BlockHeat(String datanodeUuid, long blockId, double readsPerSec, double bytesReadPerSec) {
    this.datanodeUuid = Objects.requireNonNull(datanodeUuid, "datanodeUuid");
    if (!(readsPerSec >= 0) || !(bytesReadPerSec >= 0) || Double.isInfinite(readsPerSec)
        || Double.isInfinite(bytesReadPerSec)) {
      throw new IllegalArgumentException("heat of block " + blockId + " on " + datanodeUuid
          + " must be finite and >= 0: " + readsPerSec + " reads/s, " + bytesReadPerSec + " B/s");
    }
    this.blockId = blockId;
    this.readsPerSec = readsPerSec;
    this.bytesReadPerSec = bytesReadPerSec;
  }

  public String datanodeUuid() {
    return datanodeUuid;
  }

  public long blockId() {
    return blockId;
  }

  public double readsPerSec() {
    return readsPerSec;
  }

  /** What the load model moves with the replica; also what "hottest" sorts by. */
  public double bytesReadPerSec() {
    return bytesReadPerSec;
  }

  @Override
  public String toString() {
    return "block " + blockId + " on " + datanodeUuid + ": " + readsPerSec + " reads/s, " + bytesReadPerSec + " B/s";
  }
}
