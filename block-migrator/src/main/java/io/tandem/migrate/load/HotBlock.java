package io.tandem.migrate.load;

/**
 * A block in the hot-block counter: its estimated (decayed) read count and how much of that estimate may be
 * overcounting, as Space-Saving guarantees: true count <= {@link #count()} <= true count + {@link #error()}.
 */
public final class HotBlock {
  private final long blockId;
  private final double count;
  private final double error;
  private final double share;

  HotBlock(long blockId, double count, double error, double share) {
    this.blockId = blockId;
    this.count = count;
    this.error = error;
    this.share = share;
  }

  public long blockId() {
    return blockId;
  }

  /** Estimated reads, decayed: an upper bound of the true decayed count. */
  public double count() {
    return count;
  }

  /**
   * The block's part of all the reads the counter counted (decayed alike), from 0 to 1: its estimated count over the
   * total. An upper bound like the count, so a move planned on it errs towards loading its target too much, not too
   * little.
   */
  public double share() {
    return share;
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
