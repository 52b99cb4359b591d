package io.tandem.it.mirror;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.link.fault.FaultProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two sites mirroring at once in both directions over the real link: volume x is primary on site-a, volume y on
 * site-b. site-a reaches site-b through a fault proxy, so tests cut that direction's link (blackhole, resets,
 * flapping) while writes continue, and every scenario ends with both volumes identical on both sides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorTwoSitesIT {
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static TwoSites sites;
  private static FaultProxy proxy;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private final Random random = new Random(7);

  @BeforeAll
  static void start() throws Exception {
    int[] proxied = new int[1];
    sites = TwoSites.start(TestDirsAccess.forClass(MirrorTwoSitesIT.class), 1, portOfB -> {
      try {
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", portOfB));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      proxied[0] = proxy.address().getPort();
      return proxied[0];
    }, MirrorTwoSitesIT::volumes);
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/x"));
    fsB.mkdirs(new Path("/y"));
  }

  private static void volumes(Configuration c, String site) {
    MirroredVolumes.timings(c, 100, 700, 1000, 500);
    MirroredVolumes.async(c, site, "x", "site-a", "y", "site-b");
  }


  @AfterAll
  static void stop() throws Exception {
    if (fsA != null) {
      fsA.close();
      fsB.close();
    }
    if (sites != null) {
      sites.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void write(FileSystem fs, Path p, byte[] data) throws Exception {
    try (FSDataOutputStream o = fs.create(p, true)) {
      o.write(data);
    }
  }

  private static void append(FileSystem fs, Path p, byte[] data) throws Exception {
    try (FSDataOutputStream o = fs.append(p)) {
      o.write(data);
    }
  }

  private static void awaitBothIdentical() throws InterruptedException {
    Trees.awaitIdentical(fsA, "/x", fsB, "/x", CONVERGE);
    Trees.awaitIdentical(fsB, "/y", fsA, "/y", CONVERGE);
  }

  private static String mirrorStatus(TandemSite site) {
    return String.valueOf(site.nameNodePlugin(0).health().components().get("mirror"));
  }

  @Test
  @Order(1)
  void bothDirectionsMirrorAtOnceAndVerifyAgrees() throws Exception {
    for (int i = 0; i < 20; i++) {
      write(fsA, new Path("/x/a-" + i), bytes(1000 + i));
      write(fsB, new Path("/y/b-" + i), bytes(2000 + i));
    }
    fsA.mkdirs(new Path("/x/dir/sub"));
    write(fsA, new Path("/x/dir/sub/big"), bytes(3 * 1024 * 1024 + 17));
    awaitBothIdentical();
    // The link is UP once the housekeeping sees every volume caught up after the replay (within 100 ms ticks).
    await().atMost(Duration.ofSeconds(10)).until(() -> mirrorStatus(sites.a()).contains("link site-b UP"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ToolRunner.run(sites.a().conf(), new TandemCli(new PrintStream(out, true, "UTF-8"), System.err),
        new String[] {"mirror", "verify", "x"});
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(TandemCli.OK, exit, text);
    assertTrue(text.contains("volume x: identical on site-b"), text);

    // A change made behind Tandem's back on the replica is found by verify.
    write(fsB, new Path("/x/a-3"), bytes(5));
    out.reset();
    exit = ToolRunner.run(sites.a().conf(), new TandemCli(new PrintStream(out, true, "UTF-8"), System.err),
        new String[] {"mirror", "verify", "x"});
    text = out.toString(StandardCharsets.UTF_8);
    assertEquals(TandemCli.FAILED, exit, text);
    assertTrue(text.contains("length differs: a-3 1003 vs 5"), text);
    write(fsA, new Path("/x/a-3"), bytes(1003)); // rewritten at the source: mirrored over the replica's change
    awaitBothIdentical();
  }

  @Test
  @Order(2)
  void blackholedLinkGoesDownQueuesAndReplaysWhenRestored() throws Exception {
    Path log = new Path("/x/appended.log");
    write(fsA, log, "start\n".getBytes(StandardCharsets.UTF_8));
    awaitBothIdentical();
    proxy.blackhole();
    await().atMost(Duration.ofSeconds(10)).until(() -> mirrorStatus(sites.a()).contains("link site-b DOWN"));
    for (int i = 0; i < 30; i++) {
      append(fsA, log, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
      write(fsA, new Path("/x/during-cut-" + i), bytes(500));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> mirrorStatus(sites.a()).contains("WAITING_FOR_LINK"));
    assertTrue(!fsB.exists(new Path("/x/during-cut-29")), "nothing crosses a blackholed link");
    // The other direction (site-b to site-a, not proxied) keeps working meanwhile.
    write(fsB, new Path("/y/while-x-is-cut"), bytes(100));
    Trees.awaitIdentical(fsB, "/y", fsA, "/y", CONVERGE);

    proxy.pass();
    awaitBothIdentical();
    assertEquals(fsA.getFileStatus(log).getLen(), fsB.getFileStatus(log).getLen(), "no appended data duplicated");
  }

  @Test
  @Order(3)
  void resetsAndFlappingNeverLoseOrDuplicate() throws Exception {
    Path log = new Path("/x/flapping.log");
    write(fsA, log, new byte[0]);
    for (int round = 0; round < 6; round++) {
      if (round % 2 == 0) {
        proxy.reset();
      } else {
        proxy.blackhole();
      }
      for (int i = 0; i < 5; i++) {
        append(fsA, log, ("r" + round + " l" + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
      proxy.pass();
      Thread.sleep(300); // flapping: restored for less than the probation period
    }
    awaitBothIdentical();
    assertEquals(fsA.getFileStatus(log).getLen(), fsB.getFileStatus(log).getLen());
  }

  @Test
  @Order(4)
  void sendingAgentKilledMidStreamResumesFromItsCheckpoint() throws Exception {
    for (int i = 0; i < 10; i++) {
      write(fsA, new Path("/x/before-kill-" + i), bytes(200_000));
    }
    sites.a().restartNameNode(0); // the plugin's agent dies with its NameNode and starts again with it
    for (int i = 0; i < 10; i++) {
      write(fsA, new Path("/x/after-kill-" + i), bytes(200_000));
    }
    awaitBothIdentical();
  }

  @Test
  @Order(5)
  void receivingNameNodeRestartIsRiddenOut() throws Exception {
    for (int i = 0; i < 10; i++) {
      write(fsA, new Path("/x/before-receiver-restart-" + i), bytes(50_000));
    }
    sites.b().restartNameNode(0);
    for (int i = 0; i < 10; i++) {
      write(fsA, new Path("/x/after-receiver-restart-" + i), bytes(50_000));
    }
    awaitBothIdentical();
  }

  @Test
  @Order(6)
  void sendersZooKeeperOutageStopsAndResumesMirroring() throws Exception {
    sites.a().zooKeeper().stop();
    await().atMost(Duration.ofSeconds(15)).until(() -> mirrorStatus(sites.a()).startsWith("idle"));
    for (int i = 0; i < 10; i++) {
      write(fsA, new Path("/x/during-zk-outage-" + i), bytes(10_000));
    }
    sites.a().zooKeeper().restart();
    awaitBothIdentical();
  }

  @Test
  @Order(7)
  void sendersZooKeeperSessionExpiryEndsTheTermAndTheNextOneResumesWithoutDuplicates() throws Exception {
    Path log = new Path("/x/session-expiry.log");
    write(fsA, log, "start\n".getBytes(StandardCharsets.UTF_8));
    long epochBefore = sites.a().nameNodePlugin(0).health().leaderEpoch();
    for (int i = 0; i < 10; i++) {
      append(fsA, log, ("before " + i + "\n").getBytes(StandardCharsets.UTF_8));
      write(fsA, new Path("/x/before-expiry-" + i), bytes(20_000));
    }
    sites.a().expireAgentSession(0);
    for (int i = 0; i < 10; i++) {
      append(fsA, log, ("after " + i + "\n").getBytes(StandardCharsets.UTF_8));
      write(fsA, new Path("/x/after-expiry-" + i), bytes(20_000));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sites.a().nameNodePlugin(0).health().leader()
        && sites.a().nameNodePlugin(0).health().leaderEpoch() > epochBefore);
    awaitBothIdentical();
    assertEquals(fsA.getFileStatus(log).getLen(), fsB.getFileStatus(log).getLen(), "no appended data duplicated");
  }
}
