package io.tandem.coord.leader;

import io.tandem.coord.store.Fence;
import io.tandem.coord.store.FencedException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Proof of leadership that every leader action carries. As a {@link Fence} it adds two checks to the write's
 * transaction: the leader's latch node still exists (its session is alive and it is still in the election) and
 * the leader-epoch znode is still at the version this leader wrote (no newer leader has started). A stale leader
 * fails both, atomically, even if it has not yet noticed that it lost.
 */
public final class FencingToken implements Fence {
  private final long epoch;
  private final int epochZnodeVersion;
  private final String epochPath;
  private final String latchPath;
  private final String leaderId;
  private final BooleanSupplier stillCurrent;

  FencingToken(long epoch, int epochZnodeVersion, String epochPath, String latchPath, String leaderId,
      BooleanSupplier stillCurrent) {
    this.epoch = epoch;
    this.epochZnodeVersion = epochZnodeVersion;
    this.epochPath = epochPath;
    this.latchPath = latchPath;
    this.leaderId = leaderId;
    this.stillCurrent = stillCurrent;
  }

  /** The leader epoch: raised by every new leader; records written under this token carry it. */
  public long epoch() {
    return epoch;
  }

  String latchPath() {
    return latchPath;
  }

  int epochZnodeVersion() {
    return epochZnodeVersion;
  }

  public String leaderId() {
    return leaderId;
  }

  /** True while this token is the one its leadership holds (cheap, local). */
  public boolean isCurrent() {
    return stillCurrent.getAsBoolean();
  }

  /** Throws unless this token is still current locally. */
  public void check() throws FencedException {
    if (!isCurrent()) {
      throw new FencedException("leadership of " + leaderId + " at epoch " + epoch + " has ended");
    }
  }

  /**
   * This token as a leader would hold it before hearing of its loss: the local check always passes, so only
   * ZooKeeper's checks stand between it and a write. For tests of the fence itself.
   */
  FencingToken unaware() {
    return new FencingToken(epoch, epochZnodeVersion, epochPath, latchPath, leaderId, () -> true);
  }

  @Override
  public List<CuratorOp> guards(CuratorFramework client) throws Exception {
    check();
    return List.of(
        client.transactionOp().check().forPath(latchPath),
        client.transactionOp().check().withVersion(epochZnodeVersion).forPath(epochPath));
  }

  @Override
  public String toString() {
    return "leadership of " + leaderId + " at epoch " + epoch;
  }
}
