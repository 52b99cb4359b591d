package io.tandem.it.snapshot;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.ShipClaimRecord;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.it.harness.TandemSite;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Reads a volume's ship and claim records from a site's ZooKeeper, as an operator's tools would. */
final class ShipRecords {
  private ShipRecords() {}

  static ShipRecord read(TandemSite site, String volume) throws Exception {
    return find(site, volume).orElseThrow(() -> new AssertionError("no ship record for volume " + volume));
  }

  static java.util.Optional<ShipRecord> find(TandemSite site, String volume) throws Exception {
    return read(site, ShipRecord.class, new ZnodePaths(site.siteId()).volumeShip(volume));
  }

  /** The record of the ship of {@code volume} from {@code site} on to {@code destination}. */
  static java.util.Optional<ShipRecord> findOnward(TandemSite site, String volume, String destination)
      throws Exception {
    return read(site, ShipRecord.class, new ZnodePaths(site.siteId()).volumeOnwardShip(volume, destination));
  }

  /** Which source the ships of {@code volume} arriving at {@code site} are granted to, and the last one's. */
  static java.util.Optional<ShipClaimRecord> claim(TandemSite site, String volume) throws Exception {
    return read(site, ShipClaimRecord.class, new ZnodePaths(site.siteId()).volumeShipClaim(volume));
  }

  private static <T extends io.tandem.coord.store.StoredRecord> java.util.Optional<T> read(TandemSite site,
      Class<T> type, String path) throws Exception {
    try (CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(site.zooKeeper().connectString())
        .namespace("tandem").retryPolicy(new RetryOneTime(100)).build()) {
      zk.start();
      zk.blockUntilConnected();
      return new RecordStore<>(zk, type, new JsonCodec()).read(path).map(v -> v.value());
    }
  }
}
