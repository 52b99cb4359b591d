package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Estimates per-block heat from a DataNode's hot-block list when the report ranks its hottest blocks without their
 * rates (as {@code LoadReport} format 1 does).
 *
 * <p>Assumptions, stated because the estimate is only as good as they are: the listed blocks together serve
 * {@code coverage} of the node's reads and read bytes, and they share that Zipf-like, the block at rank k (from 1)
 * getting a share proportional to 1/k. The ranking is exact; only the magnitudes are estimated.
 */
public final class HotListHeat {
  /** A guess that errs low: a hot list of a few blocks rarely carries more than half of a node's reads. */
  public static final double DEFAULT_COVERAGE = 0.5;

  private HotListHeat() {
  }

  /**
   * @param node the DataNode's load report
   * @param blocksReadPerSec block reads per second the node reported
   * @param hotBlocks block ids, hottest first
   * @param coverage fraction (0, 1] of the node's reads the listed blocks are taken to serve
   */
  public static List<BlockHeat> estimate(NodeLoad node, double blocksReadPerSec, List<Long> hotBlocks,
      double coverage) {
    if (!(coverage > 0 && coverage <= 1)) {
      throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
    }
    if (!(blocksReadPerSec >= 0) || Double.isInfinite(blocksReadPerSec)) {
      throw new IllegalArgumentException("block reads per second must be finite and >= 0, got " + blocksReadPerSec);
    }
    double harmonic = 0;
    for (int rank = 1; rank <= hotBlocks.size(); rank++) {
      harmonic += 1.0 / rank;
    }
    List<BlockHeat> heat = new ArrayList<>(hotBlocks.size());
    for (int rank = 1; rank <= hotBlocks.size(); rank++) {
      double share = coverage / rank / harmonic;
      heat.add(new BlockHeat(node.datanodeUuid(), hotBlocks.get(rank - 1), blocksReadPerSec * share,
          node.bytesReadPerSec() * share));
    }
    return Collections.unmodifiableList(heat);
  }
}
