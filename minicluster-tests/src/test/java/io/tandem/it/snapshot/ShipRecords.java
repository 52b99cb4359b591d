package io.tandem.it.snapshot;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.it.harness.TandemSite;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Reads a volume's ship record from a site's ZooKeeper, as an operator's tools would. */
final class ShipRecords {
  private ShipRecords() {}

  static ShipRecord read(TandemSite site, String volume) throws Exception {
    return find(site, volume).orElseThrow(() -> new AssertionError("no ship record for volume " + volume));
  }

  static java.util.Optional<ShipRecord> find(TandemSite site, String volume) throws Exception {
    try (CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(site.zooKeeper().connectString())
        .namespace("tandem").retryPolicy(new RetryOneTime(100)).build()) {
      zk.start();
      zk.blockUntilConnected();
      return new RecordStore<>(zk, ShipRecord.class, new JsonCodec())
          .read(new ZnodePaths(site.siteId()).volumeShip(volume)).map(v -> v.value());
    }
  }
}
