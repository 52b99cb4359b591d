package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-block heat from a DataNode's hot-block list: from each block's measured share of the node's reads when the
 * report carries them ({@link #measured}), otherwise estimated from the ranking alone ({@link #estimate}).
 *
 * <p>The estimate's
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
   * Heat from measured shares: block k serves {@code shares[k]} of the node's block reads and read bytes. A repeated
   * block counts once (its first share).
   *
   * @throws IllegalArgumentException if the lists differ in length or a share is not in [0, 1]
   */
  public static List<BlockHeat> measured(NodeLoad node, double blocksReadPerSec, List<Long> hotBlocks,
      List<Double> shares) {
    if (hotBlocks.size() != shares.size()) {
      throw new IllegalArgumentException(node.datanodeUuid() + " reported " + hotBlocks.size() + " hot blocks and "
          + shares.size() + " shares");
    }
    if (!(blocksReadPerSec >= 0) || Double.isInfinite(blocksReadPerSec)) {
      throw new IllegalArgumentException("block reads per second must be finite and >= 0, got " + blocksReadPerSec);
    }
    List<BlockHeat> heat = new ArrayList<>(hotBlocks.size());
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < hotBlocks.size(); i++) {
      Double share = shares.get(i);
      if (share == null || !(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(node.datanodeUuid() + " reported share " + share + " for hot block "
            + hotBlocks.get(i) + ", not in [0, 1]");
      }
      if (seen.add(hotBlocks.get(i))) {
        heat.add(new BlockHeat(node.datanodeUuid(), hotBlocks.get(i), blocksReadPerSec * share,
            node.bytesReadPerSec() * share));
      }
    }
    return Collections.unmodifiableList(heat);
  }

  /**
   * Heat estimated from the ranking alone.
   *
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
