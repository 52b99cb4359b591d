package io.tandem.it.migrate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.Versioned;
import io.tandem.it.Cli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.move.RoutingTable;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Load-triggered migration end to end, chosen by the planner: five DataNodes, one of which holds every block of a
 * file that concurrent readers hammer. Its load reports make it hot; the leader moves its hottest blocks to cooler
 * DataNodes with replaceBlock; the readers follow the replicas, the DataNode cools and stays cool, no other becomes
 * hot in turn, and no block is lost or left under-replicated or stale.
 */
class HotDataNodeMigrationIT {
  private static final Duration DEADLINE = Duration.ofSeconds(50);
  private static final int BLOCKS = 5;

  private static TandemSite site;
  private static DistributedFileSystem fs;
  private static CuratorFramework zk;
  private static RoutingTable routing;

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-a", TestDirsAccess.forClass(HotDataNodeMigrationIT.class))
        .dataNodes(5)
        .configure(c -> {
          c.setBoolean("tandem.migrate.enabled", true);
          c.setLong("tandem.load.report.interval.ms", 1000);
          // Readers of a moved block stall on its deleted source replica for up to the client's retry window
          // (dfs.client.retry.window.base, 3 s) before they ask the NameNode again, and meanwhile the reads of the
          // others shift between DataNodes: five 1 s reports ride that out, as the default 3 x 10 s do.
          c.setInt("tandem.migrate.sustain.reports", 5);
          c.setInt("tandem.migrate.max.concurrent.moves", 2);
          c.setFloat("dfs.namenode.invalidate.work.pct.per.iteration", 1.0f);
        })
        .start();
    fs = site.fileSystem();
    zk = ZkClients.newClient(TandemConfig.parse(site.conf()).zk());
    zk.start();
    routing = new RoutingTable(zk, new ZnodePaths(site.siteId()), new JsonCodec());
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

  @Test
  void aDataNodeMadeHotByReadersIsCooledByMovingItsHotBlocks() throws Exception {
    DataNode hot = site.dfs().getDataNodes().get(2);
    Path file = new Path("/hot/file");
    byte[] content = writeOnto(hot, file, BLOCKS * (int) TandemSite.BLOCK_SIZE);
    MigrationComponent migration = site.nameNodePlugin(0).migration();
    assertNotNull(migration);

    long startedMs = System.currentTimeMillis();
    try (ReplicaCountSampler sampler = new ReplicaCountSampler(fs, file);
        HotReaders readers = new HotReaders(fs, file, 6, TandemSite.BLOCK_SIZE)) {
      Set<String> seenHot = new TreeSet<>();
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
          .until(() -> seenHot.addAll(migration.hotNodes()) | migration.hotNodes().contains(hot.getDatanodeUuid()));
      long hotAtMs = System.currentTimeMillis();

      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        seenHot.addAll(migration.hotNodes());
        assertNull(readers.failure());
        assertTrue(movesOffHot(hot) >= 1, "no move off the hot DataNode done yet");
        assertTrue(!migration.hotNodes().contains(hot.getDatanodeUuid()), "still hot: " + migration.statusLine());
      });
      long cooledAtMs = System.currentTimeMillis();
      System.out.printf("hot after %d ms, cooled %d ms later: %d move(s), %d B moved; %s%n", hotAtMs - startedMs,
          cooledAtMs - hotAtMs, migration.counters().movesDone(), migration.counters().bytesMoved(),
          migration.statusLine());

      // It stays cool over several more rounds with the readers still reading, and no DataNode that received its
      // blocks turns hot in turn, then or while it cooled: a move counts on its target until the target's reports
      // show it.
      long rounds = migration.counters().rounds();
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
        seenHot.addAll(migration.hotNodes());
        return migration.counters().rounds() >= rounds + 8;
      });
      if (!seenHot.equals(Set.of(hot.getDatanodeUuid()))) {
        fail("DataNodes hot at some point: " + seenHot + "; hot one " + hot.getDatanodeUuid() + "; block holders "
            + holders(file) + "\n" + Cli.run(site.conf(), "migrate", "status").out);
      }
      assertNull(readers.failure());
      assertTrue(readers.bytesRead() > 0);
      assertNull(sampler.failure());
      assertTrue(sampler.lowest() >= 1, "a block had no live replica at some point");
    }
    assertEquals(0, migration.counters().movesFailed());
    operatorsSeeTheMigration(migration, hot);
    assertArrayEquals(content, read(file));
    await().atMost(DEADLINE).untilAsserted(() ->
        assertEquals(List.of(), ReplicaAudit.problems(site.dfs(), fs, file, content)));
    assertTrue(ReplicaAudit.fsckHealthy(site.conf(), file));
    Set<String> holders = new TreeSet<>();
    for (LocatedBlock b : fs.getClient().getLocatedBlocks(file.toString(), 0, Long.MAX_VALUE).getLocatedBlocks()) {
      assertEquals(1, b.getLocations().length, "replication 1 kept: " + b);
      holders.add(b.getLocations()[0].getDatanodeUuid());
    }
    assertTrue(holders.size() >= 3, "the file's blocks spread over only " + holders);
  }

  /** What {@code tandem status}, {@code tandem migrate ...} and the metrics show, and pause/resume. */
  private static void operatorsSeeTheMigration(MigrationComponent migration, DataNode hot) throws Exception {
    Cli status = Cli.run(site.conf(), "migrate", "status");
    assertEquals(0, status.exit, status.toString());
    assertTrue(status.out.contains("migration: ") && status.out.contains(" done ("), status.toString());
    assertTrue(status.out.contains(hot.getDatanodeUuid()), status.toString());
    System.out.print(status.out);

    Cli siteStatus = Cli.run(site.conf(), "status");
    assertTrue(siteStatus.out.contains("migration: "), siteStatus.toString());

    Cli plan = Cli.run(site.conf(), "migrate", "plan");
    assertEquals(0, plan.exit, plan.toString());
    assertTrue(plan.out.startsWith("plan of the leader at epoch "), plan.toString());
    assertTrue(plan.out.contains("dry run: the moves its next round would start"), plan.toString());

    assertEquals(0, Cli.run(site.conf(), "migrate", "pause").exit);
    await().atMost(DEADLINE).until(() -> migration.statusLine().startsWith("paused"));
    await().atMost(DEADLINE).until(() -> Cli.run(site.conf(), "migrate", "plan").out.contains("(paused"));
    assertTrue(Cli.run(site.conf(), "migrate", "status").out.contains("migration: paused;"));
    assertEquals(0, Cli.run(site.conf(), "migrate", "resume").exit);
    await().atMost(DEADLINE).until(() -> migration.statusLine().startsWith("leading"));
    assertEquals(2, Cli.run(site.conf(), "migrate", "sideways").exit);

    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> beans = jmx.queryNames(new ObjectName("Hadoop:service=*,name=TandemMigration-*"), null);
    assertEquals(1, beans.size(), beans.toString());
    ObjectName bean = beans.iterator().next();
    assertEquals(migration.counters().movesDone(), ((Number) jmx.getAttribute(bean, "MovesDone")).longValue());
    assertTrue(((Number) jmx.getAttribute(bean, "BytesMoved")).longValue() >= TandemSite.BLOCK_SIZE);
  }

  private static List<String> holders(Path file) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (LocatedBlock b : fs.getClient().getLocatedBlocks(file.toString(), 0, Long.MAX_VALUE).getLocatedBlocks()) {
      out.add(b.getBlock().getBlockId() + "@" + b.getLocations()[0].getDatanodeUuid());
    }
    return out;
  }

  private static long movesOffHot(DataNode hot) throws Exception {
    return routing.read().stream().map(Versioned::value)
        .filter(r -> r.state == MigrationRecord.State.DONE && r.source.equals(hot.getDatanodeUuid()))
        .collect(Collectors.counting());
  }

  /** Writes random bytes with one replica, asking for {@code target} as the favored DataNode. */
  private static byte[] writeOnto(DataNode target, Path file, int length) throws Exception {
    InetSocketAddress favored = InetSocketAddress.createUnresolved(target.getDatanodeId().getIpAddr(),
        target.getXferPort());
    byte[] data = new byte[length];
    new Random(42).nextBytes(data);
    try (FSDataOutputStream out = fs.create(file, FsPermission.getFileDefault(), true, 4096, (short) 1,
        TandemSite.BLOCK_SIZE, null, new InetSocketAddress[] {favored})) {
      out.write(data);
    }
    for (LocatedBlock b : fs.getClient().getLocatedBlocks(file.toString(), 0, Long.MAX_VALUE).getLocatedBlocks()) {
      assertEquals(target.getDatanodeUuid(), b.getLocations()[0].getDatanodeUuid(), "favored node not honoured");
    }
    return data;
  }

  private static byte[] read(Path file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = fs.open(file)) {
      IOUtils.copyBytes(in, out, 4096);
    }
    return out.toByteArray();
  }
}
