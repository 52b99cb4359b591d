package io.tandem.coord.store;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Guards a write so it only succeeds while its writer is entitled to it: the guard's checks run in the same
 * ZooKeeper transaction as the write, so a stale leader's write fails atomically instead of racing the new one.
 */
public interface Fence {
  /** No guard: for records only their owner writes (a DataNode's own load report). */
  Fence NONE = new Fence() {
    @Override
    public List<CuratorOp> guards(CuratorFramework client) {
      return List.of();
    }

    @Override
    public String toString() {
      return "no fence";
    }
  };

  /** Check operations to run in the write's transaction. */
  List<CuratorOp> guards(CuratorFramework client) throws Exception;
}
