package io.tandem.mirror.claim;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.ShipClaimRecord;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** Claims in {@code /<site>/volumes/<v>/ship-claim}, written under the leader's fence. */
public final class ZkClaimStore implements ClaimStore {
  private final RecordStore<ShipClaimRecord> store;
  private final ZnodePaths paths;
  private final Fence fence;

  public ZkClaimStore(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Fence fence) {
    this.store = new RecordStore<>(zk, ShipClaimRecord.class, codec);
    this.paths = paths;
    this.fence = fence;
  }

  @Override
  public Optional<ClaimState> load(String volume, long nowMs) throws Exception {
    return store.read(paths.volumeShipClaim(volume)).map(v -> {
      ShipClaimRecord r = v.value();
      return ClaimState.restored(r.holder, r.holderSnapshot, r.holderScore, r.holderApplying, r.midShipSnapshot,
          r.midShipBy, r.lastSnapshot, r.lastBy, r.lastAtMs, nowMs);
    });
  }

  @Override
  public void save(String volume, ClaimState s, long nowMs) throws Exception {
    ShipClaimRecord r = new ShipClaimRecord(ShipClaimRecord.FORMAT, volume,
        s.holder == null ? null : s.holder.site, s.holder == null ? null : s.holder.snapshot,
        s.holder == null ? 0 : s.holder.score, s.holder != null && s.holder.applying,
        s.midShip == null ? null : s.midShip.snapshot, s.midShip == null ? null : s.midShip.by,
        s.last == null ? null : s.last.snapshot, s.last == null ? null : s.last.by, s.last == null ? 0 : s.last.atMs,
        nowMs);
    store.update(paths.volumeShipClaim(volume), cur -> r, fence);
  }
}
