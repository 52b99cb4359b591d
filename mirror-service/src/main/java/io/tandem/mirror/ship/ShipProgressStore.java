package io.tandem.mirror.ship;

import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.store.FencedException;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** The ship record of one route ({@link ShipRoute#recordPath}), written under the leader's fence. */
public final class ShipProgressStore {
  private final RecordStore<ShipRecord> store;
  private final String path;
  private final FencingToken fence;

  public ShipProgressStore(CuratorFramework zk, JsonCodec codec, FencingToken fence, String path) {
    this.store = new RecordStore<>(zk, ShipRecord.class, codec);
    this.path = path;
    this.fence = fence;
  }

  public Optional<ShipRecord> read() throws Exception {
    return store.read(path).map(v -> v.value());
  }

  /**
   * Throws unless this agent still leads: checked before each step, so a deposed leader stops shipping at once
   * rather than at its next (fenced) record write.
   */
  public void checkLeading() throws FencedException {
    fence.check();
  }

  public void write(ShipRecord record) throws Exception {
    store.update(path, cur -> record, fence);
  }
}
