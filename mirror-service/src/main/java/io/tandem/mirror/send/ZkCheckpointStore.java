package io.tandem.mirror.send;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.MirrorCheckpoint;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;

/**
 * Checkpoints in ZooKeeper ({@code /<site>/volumes/<v>/checkpoint}), written under the leader's fence so a deposed
 * leader cannot move a volume's position.
 */
public final class ZkCheckpointStore implements CheckpointStore {
  private final RecordStore<MirrorCheckpoint> store;
  private final ZnodePaths paths;
  private final Fence fence;
  private final LongSupplier epoch;
  private final Clock clock;

  public ZkCheckpointStore(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Fence fence, LongSupplier epoch,
      Clock clock) {
    this.store = new RecordStore<>(zk, MirrorCheckpoint.class, codec);
    this.paths = paths;
    this.fence = fence;
    this.epoch = epoch;
    this.clock = clock;
  }

  @Override
  public OptionalLong load(String volume) throws Exception {
    return store.read(paths.volumeCheckpoint(volume)).map(v -> OptionalLong.of(v.value().ackedTxid))
        .orElse(OptionalLong.empty());
  }

  @Override
  public void save(String volume, long txid) throws Exception {
    store.update(paths.volumeCheckpoint(volume),
        cur -> new MirrorCheckpoint(MirrorCheckpoint.FORMAT, volume, txid, epoch.getAsLong(), clock.millis()), fence);
  }
}
