package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** The ship records of this site's volumes ({@code /<site>/volumes/<v>/ship}), written under the leader's fence. */
public final class ShipProgressStore {
  private final RecordStore<ShipRecord> store;
  private final ZnodePaths paths;
  private final Fence fence;

  public ShipProgressStore(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Fence fence) {
    this.store = new RecordStore<>(zk, ShipRecord.class, codec);
    this.paths = paths;
    this.fence = fence;
  }

  public Optional<ShipRecord> read(String volume) throws Exception {
    return store.read(paths.volumeShip(volume)).map(v -> v.value());
  }

  public void write(ShipRecord record) throws Exception {
    store.update(paths.volumeShip(record.volume), cur -> record, fence);
  }
}
