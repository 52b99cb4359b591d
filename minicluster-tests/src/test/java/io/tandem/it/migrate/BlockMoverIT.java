package io.tandem.it.migrate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.MigrationRecord.State;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.hadoop.agent.SiteAgent;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.move.RoutingTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The mover on a real five-DataNode site, with moves throttled to a few hundred KB/s so a copy is under way long
 * enough to act on it. Each test puts a move into the routing table as the planner would (the planner's own choices
 * are {@link HotDataNodeMigrationIT}'s), then: appends to the block while it is copied; kills the target while it is
 * copied; takes the leader away while it is copied. Afterwards no replica is stale or missing and the routing table
 * shows the restart or the resumption.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlockMoverIT {
  private static final Duration DEADLINE = Duration.ofSeconds(45);
  /** 2 Mbit/s: a 768 KiB copy takes about three seconds, on the source and on the target. */
  private static final int BANDWIDTH_MBPS = 2;

  private static TandemSite site;
  private static DistributedFileSystem fs;
  private static CuratorFramework zk;
  private static RoutingTable routing;

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-a", TestDirsAccess.forClass(BlockMoverIT.class))
        .dataNodes(5)
        .configure(c -> {
          c.setBoolean("tandem.migrate.enabled", true);
          c.setLong("tandem.load.report.interval.ms", 300);
          c.setInt("tandem.migrate.bandwidth.mbps", BANDWIDTH_MBPS);
          // The DataNodes' throttle starts with a reserve of half a second at its configured rate and a cap set at
          // run time only changes the rate, so without this the first ~50 MB of copies would pass unthrottled.
          c.setLong("dfs.datanode.balance.bandwidthPerSec", BANDWIDTH_MBPS * 1_000_000L / 8);
          // The NameNode asks DataNodes to delete the source replica on their next heartbeat.
          c.setFloat("dfs.namenode.invalidate.work.pct.per.iteration", 1.0f);
        })
        .start();
    fs = site.fileSystem();
    zk = ZkClients.newClient(TandemConfig.parse(site.conf()).zk());
    zk.start();
    routing = new RoutingTable(zk, new ZnodePaths(site.siteId()), new JsonCodec());
    long bytesPerSec = BANDWIDTH_MBPS * 1_000_000L / 8;
    await().atMost(DEADLINE).untilAsserted(() -> {
      for (DataNode dn : site.dfs().getDataNodes()) {
        assertEquals(bytesPerSec, dn.getBalancerBandwidth(), "balancing bandwidth of " + dn.getDatanodeUuid());
      }
    });
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
  @Order(1)
  void anAppendDuringTheCopyRestartsTheMoveAndLeavesNoStaleReplica() throws Exception {
    Path file = new Path("/mover/appended");
    List<DataNode> dns = site.dfs().getDataNodes();
    byte[] first = write(file, 768 * 1024, dns.get(0), dns.get(1));
    LocatedBlock block = onlyBlock(file);
    try (ReplicaCountSampler sampler = new ReplicaCountSampler(fs, file)) {
      MigrationRecord planned = plan(block, dns.get(0), dns.get(2));
      awaitState(planned.blockId, State.COPYING);

      byte[] more = new byte[64 * 1024];
      new Random(7).nextBytes(more);
      sampler.excluding(() -> {
        try (FSDataOutputStream out = fs.append(file)) {
          out.write(more);
        }
      }, () -> await().atMost(DEADLINE).until(() -> onlyBlock(file).getLocations().length >= 2));
      byte[] expected = concat(first, more);
      long newStamp = onlyBlock(file).getBlock().getGenerationStamp();
      assertTrue(newStamp > planned.generationStamp, "the append must bump the generation stamp");

      MigrationRecord done = awaitState(planned.blockId, State.DONE);
      assertEquals(newStamp, done.generationStamp, "moved at a stale generation stamp: " + done);
      await().atMost(DEADLINE).untilAsserted(() ->
          assertEquals(List.of(), ReplicaAudit.problems(site.dfs(), fs, file, expected)));
      assertTrue(ReplicaAudit.fsckHealthy(site.conf(), file));
      assertArrayEquals(expected, read(file));
      assertTrue(onlyBlock(file).getLocations().length >= 2);
      assertNull(sampler.failure());
      assertTrue(sampler.samples() > 0);
      assertTrue(sampler.lowest() >= 2, "a replica count dipped to " + sampler.lowest());
      // The copy of the old stamp either failed or landed as a stale replica the NameNode refused: a restart.
      assertTrue(done.attempts >= 1, "the move was not restarted: " + done);
      assertTrue(leaderMigration().counters().restarts() >= 1);
    }
  }

  @Test
  @Order(2)
  void killingTheTargetMidCopyRequeuesTheMoveAndLosesNothing() throws Exception {
    Path file = new Path("/mover/target-killed");
    List<DataNode> dns = site.dfs().getDataNodes();
    byte[] content = write(file, 1024 * 1024, dns.get(1), dns.get(2));
    LocatedBlock block = onlyBlock(file);
    DataNode target = dns.get(4);
    MigrationRecord planned = plan(block, dns.get(1), target);
    awaitState(planned.blockId, State.COPYING);

    site.dfs().stopDataNode(target.getDatanodeId().getXferAddr());

    MigrationRecord requeued = await().atMost(DEADLINE).until(() -> record(planned.blockId),
        r -> r.attempts >= 1 && (r.state == State.PLANNED || r.state == State.FAILED));
    assertTrue(requeued.reason.length() > 0, requeued.toString());
    assertArrayEquals(content, read(file));
    await().atMost(DEADLINE).untilAsserted(() ->
        assertEquals(List.of(), ReplicaAudit.problems(site.dfs(), fs, file, content)));
    LocatedBlock after = onlyBlock(file);
    assertEquals(block.getBlock().getGenerationStamp(), after.getBlock().getGenerationStamp());
    assertTrue(Arrays.stream(after.getLocations()).noneMatch(l -> l.getDatanodeUuid().equals(target.getDatanodeUuid())),
        "the dead target is listed as a location");
    assertTrue(ReplicaAudit.fsckHealthy(site.conf(), file));
  }

  @Test
  @Order(3)
  void aLeaderWhoseSessionExpiresMidCopyStopsAndItsNextTermFinishesTheMove() throws Exception {
    assertTrue(site.nameNodePlugin(0).health().leader(), "the NameNode's agent leads");
    long firstEpoch = site.nameNodePlugin(0).health().leaderEpoch();
    Path file = new Path("/mover/session-expired");
    List<DataNode> dns = site.dfs().getDataNodes();
    byte[] content = write(file, 1024 * 1024, dns.get(1), dns.get(3));
    LocatedBlock block = onlyBlock(file);
    MigrationRecord planned = plan(block, dns.get(1), dns.get(2));
    assertEquals(firstEpoch, awaitState(planned.blockId, State.COPYING).leaderEpoch);

    site.expireAgentSession(0); // its term ends at once; its fenced writes of that term fail from now on

    await().atMost(DEADLINE).until(() -> site.nameNodePlugin(0).health().leader()
        && site.nameNodePlugin(0).health().leaderEpoch() > firstEpoch);
    MigrationRecord done = awaitState(planned.blockId, State.DONE);
    assertTrue(done.leaderEpoch > firstEpoch, "finished under the expired term: " + done);
    await().atMost(DEADLINE).untilAsserted(() -> {
      List<String> holders = new ArrayList<>();
      Arrays.stream(onlyBlock(file).getLocations()).forEach(l -> holders.add(l.getDatanodeUuid()));
      assertTrue(holders.contains(dns.get(2).getDatanodeUuid()), "target not registered: " + holders);
      assertTrue(!holders.contains(dns.get(1).getDatanodeUuid()), "source still listed: " + holders);
      assertEquals(List.of(), ReplicaAudit.problems(site.dfs(), fs, file, content));
    });
    assertArrayEquals(content, read(file));
    assertTrue(ReplicaAudit.fsckHealthy(site.conf(), file));
  }

  @Test
  @Order(4)
  void aNewLeaderResumesAMoveThePreviousLeaderLeftMidCopy() throws Exception {
    MigrationComponent standbyMigration = new MigrationComponent();
    SiteAgent standby = SiteAgent.builder(site.conf()).defaultAgentId("standby-agent")
        .component(standbyMigration).build();
    standby.start();
    try {
      await().atMost(DEADLINE).until(() -> standby.health().zkConnected());
      assertTrue(site.nameNodePlugin(0).health().leader(), "the NameNode's agent leads at first");
      long firstEpoch = site.nameNodePlugin(0).health().leaderEpoch();

      Path file = new Path("/mover/leader-change");
      List<DataNode> dns = site.dfs().getDataNodes();
      byte[] content = write(file, 1024 * 1024, dns.get(0), dns.get(3));
      LocatedBlock block = onlyBlock(file);
      MigrationRecord planned = plan(block, dns.get(0), dns.get(2));
      MigrationRecord copying = awaitState(planned.blockId, State.COPYING);
      assertEquals(firstEpoch, copying.leaderEpoch);

      site.nameNodePlugin(0).stop();

      await().atMost(DEADLINE).until(() -> standby.health().leader());
      MigrationRecord done = awaitState(planned.blockId, State.DONE);
      assertTrue(done.leaderEpoch > firstEpoch, "finished by the old leader: " + done);
      assertEquals(standby.health().leaderEpoch(), done.leaderEpoch);
      assertTrue(standbyMigration.counters().movesDone() >= 1);
      await().atMost(DEADLINE).untilAsserted(() -> {
        LocatedBlock now = onlyBlock(file);
        List<String> holders = new ArrayList<>();
        Arrays.stream(now.getLocations()).forEach(l -> holders.add(l.getDatanodeUuid()));
        assertTrue(holders.contains(dns.get(2).getDatanodeUuid()), "target not registered: " + holders);
        assertTrue(!holders.contains(dns.get(0).getDatanodeUuid()), "source still listed: " + holders);
        assertEquals(List.of(), ReplicaAudit.problems(site.dfs(), fs, file, content));
      });
      assertTrue(ReplicaAudit.fsckHealthy(site.conf(), file));
    } finally {
      standby.close();
    }
  }

  private static MigrationComponent leaderMigration() {
    MigrationComponent m = site.nameNodePlugin(0).migration();
    assertNotNull(m);
    return m;
  }

  /** Puts a move into the routing table as the planner does: PLANNED, no attempts yet. */
  private static MigrationRecord plan(LocatedBlock block, DataNode source, DataNode target) throws Exception {
    MigrationRecord r = new MigrationRecord(MigrationRecord.FORMAT, block.getBlock().getBlockPoolId(),
        block.getBlock().getBlockId(), block.getBlock().getGenerationStamp(), source.getDatanodeUuid(),
        target.getDatanodeUuid(), State.PLANNED, 0, 0, System.currentTimeMillis(), "planned by the test",
        block.getBlock().getNumBytes());
    Optional<Versioned<MigrationRecord>> written = routing.write(r, RecordStore.ABSENT, Fence.NONE);
    assertTrue(written.isPresent(), "block " + r.blockId + " already has a move");
    return r;
  }

  private static MigrationRecord record(long blockId) throws Exception {
    return routing.read(blockId).map(Versioned::value).orElseThrow();
  }

  private static MigrationRecord awaitState(long blockId, State state) {
    return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> record(blockId),
        r -> r.state == state);
  }

  private static LocatedBlock onlyBlock(Path file) throws IOException {
    List<LocatedBlock> blocks = fs.getClient().getLocatedBlocks(file.toUri().getPath(), 0).getLocatedBlocks();
    assertEquals(1, blocks.size(), blocks.toString());
    return blocks.get(0);
  }

  /** Writes {@code length} random bytes with a replica on each of the two favored DataNodes. */
  private static byte[] write(Path file, int length, DataNode first, DataNode second) throws IOException {
    byte[] data = new byte[length];
    new Random(file.hashCode()).nextBytes(data);
    InetSocketAddress[] favored = {
        InetSocketAddress.createUnresolved(first.getDatanodeId().getIpAddr(), first.getXferPort()),
        InetSocketAddress.createUnresolved(second.getDatanodeId().getIpAddr(), second.getXferPort())};
    try (FSDataOutputStream out = fs.create(file, FsPermission.getFileDefault(), true, 4096, (short) 2,
        TandemSite.BLOCK_SIZE, null, favored)) {
      out.write(data);
    }
    // The NameNode completes the block on the first replica's report; the second is listed when its report arrives.
    await().atMost(DEADLINE).untilAsserted(() -> {
      List<String> holders = new ArrayList<>();
      Arrays.stream(onlyBlock(file).getLocations()).forEach(l -> holders.add(l.getDatanodeUuid()));
      assertTrue(holders.contains(first.getDatanodeUuid()) && holders.contains(second.getDatanodeUuid()),
          "favored nodes not honoured: " + holders);
    });
    return data;
  }

  private static byte[] read(Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = fs.open(file)) {
      IOUtils.copyBytes(in, out, 4096);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
