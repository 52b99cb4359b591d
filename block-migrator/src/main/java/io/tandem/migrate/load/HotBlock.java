package io.tandem.migrate.load;

/**
 * A block in the hot-block counter: its estimated (decayed) read count and how much of that estimate may be
 * overcounting, as Space-Saving guarantees: true count <= {@link #count()} <= true count + {@link #error()}.
 */
public final class HotBlock {
  private final long blockId;
  private final double count;
  private final double error;

  HotBlock(long blockId, double count, double error) {
    this.blockId = blockId;
    this.count = count;
    this.error = error;
  }

  public long blockId() {
    return blockId;
  }

  /** Estimated reads, decayed: an upper bound of the true decayed count. */
  public double count() {
    return count;
  }

  /** The most the estimate can exceed the true count by. */
  public double error() {
    return error;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "blk_%d (%.1f, +%.1f)", blockId, count, error);
  }
}
