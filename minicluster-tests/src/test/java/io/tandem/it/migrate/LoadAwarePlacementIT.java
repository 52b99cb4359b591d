package io.tandem.it.migrate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.hadoop.LoadAwareBlockPlacementPolicy;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LoadAwareBlockPlacementPolicy} on a four-DataNode NameNode: once one DataNode's reports say it is hot for
 * the sustained number of reports, new blocks avoid it; when it cools they may land there again; and a write that
 * needs every DataNode still gets them all. The reports are written here, in the monitors' format, so the load is
 * exactly what the test says (the monitors themselves are proved in {@link LoadMonitorIT}).
 */
class LoadAwarePlacementIT {
  private static final int DATANODES = 4;
  private static final long INTERVAL_MS = 200;
  private static TandemSite site;
  private static CuratorFramework zk;
  private static RecordStore<LoadReport> reports;
  private static DistributedFileSystem fs;
  private static long sequence;

  @BeforeAll
  static void start() throws Exception {
    site = TandemSite.builder("site-a", TestDirsAccess.forClass(LoadAwarePlacementIT.class)).dataNodes(DATANODES)
        .plugins(false, false).configure(c -> {
          c.set("dfs.block.replicator.classname", LoadAwareBlockPlacementPolicy.class.getName());
          c.setBoolean("tandem.migrate.enabled", true);
          c.setLong("tandem.load.report.interval.ms", INTERVAL_MS);
          c.setInt("tandem.migrate.sustain.reports", 2);
          c.setInt("dfs.replication", 2);
        }).start();
    zk = ZkClients.newClient(ZkSettings.parse(site.conf()));
    zk.start();
    reports = new RecordStore<>(zk, LoadReport.class, new JsonCodec());
    fs = site.fileSystem();
  }

  @AfterAll
  static void stop() throws Exception {
    if (zk != null) {
      zk.close();
    }
    if (site != null) {
      site.close();
    }
  }

  private static LoadAwareBlockPlacementPolicy policy() {
    return (LoadAwareBlockPlacementPolicy) site.dfs().getNamesystem().getBlockManager().getBlockPlacementPolicy();
  }

  /** One round of reports, as the monitors publish them: {@code hot} reads hard, the others idle along. */
  private static synchronized void publishRound(String hot) throws Exception {
    sequence++;
    long now = System.currentTimeMillis();
    for (DataNode dn : site.dfs().getDataNodes()) {
      String uuid = dn.getDatanodeUuid();
      boolean busy = uuid.equals(hot);
      LoadReport r = new LoadReport(LoadReport.FORMAT, uuid, sequence, now, busy ? 60 : 2, busy ? 60 : 2,
          busy ? 400L << 20 : 1L << 20, 1L << 20, busy ? 400 : 1, 1, busy ? 20 : 1, "READ_LARGE", 0, List.of());
      String path = new ZnodePaths("site-a").load(uuid);
      int version = reports.read(path).map(v -> v.version()).orElse(RecordStore.ABSENT);
      reports.compareAndSet(path, version, r, CreateMode.EPHEMERAL, Fence.NONE);
    }
  }

  private static Set<String> replicaHolders(int files, String prefix, short replication) throws Exception {
    Set<String> holders = new HashSet<>();
    for (int i = 0; i < files; i++) {
      Path p = new Path(prefix + i);
      try (FSDataOutputStream o = fs.create(p, replication)) {
        o.write(new byte[1024]);
      }
      for (LocatedBlock b : fs.getClient().getLocatedBlocks(p.toUri().getPath(), 0).getLocatedBlocks()) {
        for (DatanodeInfo d : b.getLocations()) {
          holders.add(d.getDatanodeUuid());
        }
      }
    }
    return holders;
  }

  @Test
  void newBlocksAvoidAHotDataNodeUntilItCoolsAndNeverFailAWriteForLoad() throws Exception {
    String hot = site.dfs().getDataNodes().get(1).getDatanodeUuid();
    java.util.concurrent.atomic.AtomicReference<String> busy = new java.util.concurrent.atomic.AtomicReference<>(hot);
    java.util.concurrent.ScheduledExecutorService monitors = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      // One round per interval, as the DataNodes' monitors publish them.
      monitors.scheduleWithFixedDelay(() -> {
        try {
          publishRound(busy.get());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 0, INTERVAL_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
      placement(hot, busy);
    } finally {
      monitors.shutdownNow();
    }
  }

  private void placement(String hot, java.util.concurrent.atomic.AtomicReference<String> busy) throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> policy().hotNodes().contains(hot));
    assertEquals(Set.of(hot), policy().hotNodes());

    Set<String> whileHot = replicaHolders(30, "/placement/hot-", (short) 2);
    assertFalse(whileHot.contains(hot), "no new replica on the hot DataNode: " + whileHot);
    assertEquals(DATANODES - 1, whileHot.size(), "the other DataNodes took them");

    Set<String> everyNode = replicaHolders(3, "/placement/all-", (short) DATANODES);
    assertTrue(everyNode.contains(hot), "a write needing every DataNode still gets the hot one");

    busy.set(null);
    await().atMost(Duration.ofSeconds(20)).until(() -> policy().hotNodes().isEmpty());
    List<String> after = new ArrayList<>(replicaHolders(40, "/placement/cool-", (short) 2));
    assertTrue(after.contains(hot), "a cooled DataNode takes new blocks again: " + after);
  }
}
