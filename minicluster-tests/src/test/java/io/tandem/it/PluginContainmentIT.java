package io.tandem.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.agent.AgentHealth;
import io.tandem.hadoop.agent.AgentState;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.hadoop.datanode.DataNodeMonitor;
import io.tandem.it.harness.TandemSite;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.Test;

/**
 * A plugin failure never stops or crashes the daemon that hosts it, and shows in {@code tandem status}: with
 * ZooKeeper unreachable and with a bad configuration, the NameNode and DataNodes start and serve reads and writes,
 * and the agent reports what is wrong.
 */
class PluginContainmentIT {
  private static void assertServesReadsAndWrites(TandemSite site) throws Exception {
    DistributedFileSystem fs = site.fileSystem();
    Path p = new Path("/containment/file");
    byte[] data = "still serving".getBytes(StandardCharsets.UTF_8);
    try (FSDataOutputStream o = fs.create(p, true)) {
      o.write(data);
    }
    byte[] back = new byte[data.length];
    try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(p)) {
      IOUtils.readFully(in, back, 0, back.length);
    }
    assertEquals(new String(data, StandardCharsets.UTF_8), new String(back, StandardCharsets.UTF_8));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void unreachableZooKeeperIsContainedAndReported() throws Exception {
    String quorum = "127.0.0.1:" + closedPort();
    File base = new File(TestDirs.forClass(PluginContainmentIT.class), "no-zk");
    try (TandemSite site = TandemSite.builder("site-a", base).dataNodes(1).withZooKeeper(false)
        .configure(c -> c.set("tandem.zk.quorum", quorum)).start()) {
      assertServesReadsAndWrites(site);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        AgentHealth h = site.nameNodePlugin(0).health();
        return h.state() == AgentState.CONNECTING && h.lastError() != null && h.lastError().contains("unreachable");
      });
      Cli status = Cli.run(site.conf(), "status");
      assertEquals(TandemCli.FAILED, status.exit, status.toString());
      assertTrue(status.err.contains("ZooKeeper " + quorum + " unreachable"), status.toString());
      assertTrue(status.out.contains("from NameNode JMX") && status.out.contains("CONNECTING")
          && status.out.contains("ZooKeeper " + quorum + " unreachable for"), status.toString());
      assertServesReadsAndWrites(site);
    }
  }

  @Test
  void badConfigurationIsContainedAndReported() throws Exception {
    File base = new File(TestDirs.forClass(PluginContainmentIT.class), "bad-conf");
    try (TandemSite site = TandemSite.builder("site-a", base).dataNodes(1)
        .configure(c -> c.set("tandem.link.connections", "lots")).start()) {
      assertServesReadsAndWrites(site);
      await().atMost(Duration.ofSeconds(30)).until(() -> site.nameNodePlugin(0).health().state() == AgentState.FAILED);
      assertTrue(site.nameNodePlugin(0).health().lastError()
          .contains("tandem.link.connections=\"lots\" is not valid: expected an integer from 1 to 64"));
      await().atMost(Duration.ofSeconds(30)).until(() -> site.dataNodePlugins().get(0).monitor().state()
          == DataNodeMonitor.State.FAILED);

      await().atMost(Duration.ofSeconds(30)).until(() -> Cli.run(site.conf(), "status").out.contains("FAILED"));
      Cli status = Cli.run(site.conf(), "status");
      assertEquals(TandemCli.UNHEALTHY, status.exit, status.toString());
      assertTrue(status.out.contains("! invalid configuration: tandem.link.connections=\"lots\""), status.toString());
      assertServesReadsAndWrites(site);
    }
  }
}
