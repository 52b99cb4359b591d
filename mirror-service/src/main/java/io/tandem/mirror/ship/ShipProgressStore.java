package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.store.FencedException;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** The ship records of this site's volumes ({@code /<site>/volumes/<v>/ship}), written under the leader's fence. */
public final class ShipProgressStore {
  private final RecordStore<ShipRecord> store;
  private final ZnodePaths paths;
  private final FencingToken fence;

  public ShipProgressStore(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, FencingToken fence) {
    this.store = new RecordStore<>(zk, ShipRecord.class, codec);
    this.paths = paths;
    this.fence = fence;
  }

  public Optional<ShipRecord> read(String volume) throws Exception {
    return store.read(paths.volumeShip(volume)).map(v -> v.value());
  }

  /**
   * Throws unless this agent still leads: checked before each step, so a deposed leader stops shipping at once
   * rather than at its next (fenced) record write.
   */
  public void checkLeading() throws FencedException {
    fence.check();
  }

  public void write(ShipRecord record) throws Exception {
    store.update(paths.volumeShip(record.volume), cur -> record, fence);
  }
}
