package io.tandem.it.migrate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.hadoop.TandemDataNodePlugin;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.load.LoadMonitor;
import io.tandem.migrate.load.LoadTable;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The load monitors of a five-DataNode site, end to end: every DataNode publishes its report under
 * {@code /<site>/load/<uuid>}; readers hammering one file whose blocks live on one DataNode make that DataNode's
 * report show the highest read rate and score, list the file's blocks as its hot blocks, and give it the largest
 * share in every monitor's table and in its metrics; a stopped DataNode's report vanishes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadMonitorIT {
  private static final int DATANODES = 5;
  private static final int HOT_DATANODE = 2;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static TandemSite site;
  private static DistributedFileSystem fs;
  private static CuratorFramework zk;
  private static RecordStore<LoadReport> reports;
  private static ZnodePaths paths;

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-a", TestDirsAccess.forClass(LoadMonitorIT.class))
        .dataNodes(DATANODES)
        .configure(c -> {
          c.setBoolean("tandem.migrate.enabled", true);
          c.setLong("tandem.load.report.interval.ms", 500);
          // Disk profiling on, so the monitors read their volumes' latency too.
          c.setInt("dfs.datanode.fileio.profiling.sampling.percentage", 100);
        })
        .start();
    fs = site.fileSystem();
    zk = ZkClients.newClient(TandemConfig.parse(site.conf()).zk());
    zk.start();
    reports = new RecordStore<>(zk, LoadReport.class, new JsonCodec());
    paths = new ZnodePaths(site.siteId());
    // The monitors are under test here, not the mover: paused (as tandem migrate pause), the leader moves nothing
    // and the hot DataNode stays hot.
    zk.create().creatingParentsIfNeeded().forPath(paths.migratePaused());
  }

  @AfterAll
  static void stopSite() throws Exception {
    if (zk != null) {
      zk.close();
    }
    if (site != null) {
      site.close();
    }
  }

  private static Map<String, LoadReport> publishedReports() throws Exception {
    return reports.readChildren(paths.loads()).stream().map(Versioned::value)
        .collect(Collectors.toMap(r -> r.datanodeUuid, Function.identity()));
  }

  private static Set<String> liveUuids() {
    return site.dfs().getDataNodes().stream().map(DataNode::getDatanodeUuid).collect(Collectors.toCollection(TreeSet::new));
  }

  private static LoadMonitor loadMonitorOf(DataNode dn) {
    for (TandemDataNodePlugin p : site.dataNodePlugins()) {
      if (p.monitor() != null && dn.getDatanodeUuid().equals(p.monitor().uuid())) {
        return p.monitor().loadMonitor();
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void everyDataNodePublishesAReportUnderItsUuid() throws Exception {
    await().atMost(DEADLINE).until(() -> publishedReports().keySet().equals(liveUuids()));
    await().atMost(DEADLINE).until(() -> site.dataNodePlugins().stream()
        .allMatch(p -> p.monitor().loadMonitor() != null && p.monitor().loadMonitor().table().size() == DATANODES));
    for (DataNode dn : site.dfs().getDataNodes()) {
      LoadMonitor m = loadMonitorOf(dn);
      assertNotNull(m, "no load monitor in DataNode " + dn.getDatanodeUuid());
      assertNull(m.hotBlockProblem(), "hot blocks are counted");
      assertNull(m.lastError());
      assertEquals(paths.load(dn.getDatanodeUuid()), m.reportPath());
    }
  }

  @Test
  @Order(2)
  void theDataNodeServingAHotFileIsTheBusiestAndListsItsBlocks() throws Exception {
    DataNode hot = site.dfs().getDataNodes().get(HOT_DATANODE);
    Path file = new Path("/hot/file");
    writeOnto(hot, file, 3 * TandemSite.BLOCK_SIZE);
    List<Long> blockIds = new ArrayList<>();
    for (LocatedBlock b : fs.getClient().getLocatedBlocks(file.toString(), 0).getLocatedBlocks()) {
      assertEquals(hot.getDatanodeUuid(), b.getLocations()[0].getDatanodeUuid(), "favored node not honoured");
      blockIds.add(b.getBlock().getBlockId());
    }
    assertEquals(3, blockIds.size());

    try (HotReaders readers = new HotReaders(fs, file, 4)) {
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
        assertNull(readers.failure());
        Map<String, LoadReport> published = publishedReports();
        LoadReport hotReport = published.get(hot.getDatanodeUuid());
        assertNotNull(hotReport);
        for (LoadReport other : published.values()) {
          if (other != hotReport) {
            assertTrue(hotReport.bytesReadPerSec > other.bytesReadPerSec, hotReport + " vs " + other);
            assertTrue(hotReport.load > other.load, hotReport + " vs " + other);
          }
        }
        assertTrue(hotReport.hotBlocks.containsAll(blockIds), hotReport + " lacks " + blockIds);
        assertEquals("read-sequential", hotReport.pattern, hotReport.toString());
        for (TandemDataNodePlugin p : site.dataNodePlugins()) {
          LoadTable table = p.monitor().loadMonitor().table();
          assertEquals(Optional.of(hot.getDatanodeUuid()), table.busiest(), table.toString());
          for (String uuid : liveUuids()) {
            assertTrue(uuid.equals(hot.getDatanodeUuid())
                || table.share(hot.getDatanodeUuid()) > table.share(uuid), table.toString());
          }
        }
        assertTrue(loadMonitorOf(hot).table().ownShare() > 0.5, loadMonitorOf(hot).table().toString());
        assertTrue(hotReport.ioLatencyMs >= 0 && hotReport.xceivers >= 0, hotReport.toString());
      });
      for (DataNode dn : site.dfs().getDataNodes()) {
        assertNull(loadMonitorOf(dn).lastError(), "DataNode " + dn.getDatanodeUuid());
      }
      await().atMost(DEADLINE).untilAsserted(() ->
          assertTrue(gauge(hot, "LoadShare") > 0.5, "LoadShare gauge " + gauge(hot, "LoadShare")));
      assertTrue(readers.bytesRead() > 0);
    }
  }

  @Test
  @Order(3)
  void theReportOfAStoppedDataNodeVanishes() throws Exception {
    int victim = DATANODES - 1;
    String uuid = site.dfs().getDataNodes().get(victim).getDatanodeUuid();
    assertTrue(publishedReports().containsKey(uuid));
    site.killDataNode(victim);
    await().atMost(DEADLINE).until(() -> !publishedReports().containsKey(uuid));
    assertEquals(liveUuids(), publishedReports().keySet());
    await().atMost(DEADLINE).until(() -> site.dataNodePlugins().stream()
        .allMatch(p -> !p.monitor().loadMonitor().table().report(uuid).isPresent()));
  }

  /** Writes {@code length} random bytes with one replica, asking for {@code target} as the favored DataNode. */
  private static void writeOnto(DataNode target, Path file, long length) throws Exception {
    // Unresolved, so the client names it by IP address as it names the pipeline's DataNodes when it checks that its
    // favored node was chosen (a resolved 127.0.0.1 would be named "localhost" and warned about).
    InetSocketAddress favored = InetSocketAddress.createUnresolved(target.getDatanodeId().getIpAddr(),
        target.getXferPort());
    byte[] data = new byte[(int) length];
    new Random(42).nextBytes(data);
    try (FSDataOutputStream out = fs.create(file, FsPermission.getFileDefault(), true, 4096, (short) 1,
        TandemSite.BLOCK_SIZE, null, new InetSocketAddress[] {favored})) {
      out.write(data);
    }
  }

  /** A gauge of the DataNode's Tandem metrics source, read through JMX as an operator would. */
  private static double gauge(DataNode dn, String name) throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> beans = jmx.queryNames(new ObjectName("Hadoop:service=*,name=TandemDataNodeMonitor-"
        + dn.getXferPort()), null);
    assertEquals(1, beans.size(), beans.toString());
    return ((Number) jmx.getAttribute(beans.iterator().next(), name)).doubleValue();
  }
}
