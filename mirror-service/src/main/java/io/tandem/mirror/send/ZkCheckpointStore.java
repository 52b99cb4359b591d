package io.tandem.mirror.send;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.MirrorCheckpoint;
import io.tandem.coord.record.VolumeRole;
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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ZkCheckpointStore.class);

  private final RecordStore<MirrorCheckpoint> store;
  private final ZnodePaths paths;
  private final Fence fence;
  private final LongSupplier epoch;
  private final Clock clock;
  /** The epoch each volume's stale checkpoint was last reported at, so it is said once, not at every look. */
  private final java.util.Map<String, Long> staleLogged = new java.util.concurrent.ConcurrentHashMap<>();

  public ZkCheckpointStore(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Fence fence, LongSupplier epoch,
      Clock clock) {
    this.store = new RecordStore<>(zk, MirrorCheckpoint.class, codec);
    this.paths = paths;
    this.fence = fence;
    this.epoch = epoch;
    this.clock = clock;
  }

  /**
   * The position to resume from; empty (so the volume is copied again by difference) when there is none, or when it
   * was written in an earlier role term of the volume: the edits after it were made while this site was REPLICA,
   * so they came from the peer, and replaying them would send the peer's own changes back to it.
   */
  @Override
  public OptionalLong load(String volume) throws Exception {
    java.util.Optional<io.tandem.coord.store.Versioned<MirrorCheckpoint>> saved = store.read(paths.volumeCheckpoint(volume));
    if (saved.isEmpty()) {
      return OptionalLong.empty();
    }
    long now = epoch.getAsLong();
    if (saved.get().value().epoch < now) {
      Long reported = staleLogged.put(volume, now);
      if (reported == null || reported != now) {
        LOG.info("Volume {}: its checkpoint (txid {}) is from epoch {}, before this site became PRIMARY at epoch {};"
            + " the volume is copied again by difference instead of replaying the peer's own changes",
            volume, saved.get().value().ackedTxid, saved.get().value().epoch, now);
      }
      return OptionalLong.empty();
    }
    return OptionalLong.of(saved.get().value().ackedTxid);
  }

  @Override
  public OptionalLong newRoleTerm(String volume) throws Exception {
    java.util.Optional<io.tandem.coord.store.Versioned<MirrorCheckpoint>> saved = store.read(paths.volumeCheckpoint(volume));
    long now = epoch.getAsLong();
    boolean changed = saved.map(v -> v.value().epoch < now).orElse(now > VolumeRole.FIRST_EPOCH);
    return changed ? OptionalLong.of(now) : OptionalLong.empty();
  }

  @Override
  public void save(String volume, long txid) throws Exception {
    store.update(paths.volumeCheckpoint(volume), cur -> new MirrorCheckpoint(MirrorCheckpoint.FORMAT, volume, txid,
        epoch.getAsLong(), clock.millis(), cur == null ? 0 : cur.renamedThrough), fence);
  }

  /** The last acknowledged rename; txids only grow on a site, so one from an earlier role term is simply older. */
  @Override
  public long renamedThrough(String volume) throws Exception {
    return store.read(paths.volumeCheckpoint(volume)).map(v -> v.value().renamedThrough).orElse(0L);
  }

  /** Kept in the checkpoint's record; a volume without one yet (its first copy not done) has nothing to replay. */
  @Override
  public void saveRenamedThrough(String volume, long txid) throws Exception {
    store.update(paths.volumeCheckpoint(volume), cur -> cur == null ? null : new MirrorCheckpoint(
        MirrorCheckpoint.FORMAT, volume, cur.ackedTxid, cur.epoch, clock.millis(), Math.max(txid, cur.renamedThrough)),
        fence);
  }
}
