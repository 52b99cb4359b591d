package io.tandem.it.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.ShipRecord;
import io.tandem.hadoop.TandemNameNodePlugin;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.Cli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.ship.ShipStats;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import io.tandem.mirror.link.fault.FaultProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A ship interrupted by closing the agent resumes from its record when the agent starts again, sending only the
 * remainder; the shipping rate holds the cap over a 5-second window and follows a cap changed at run time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipResumeAndRateIT {
  private static final long MIB = 1024 * 1024;
  private static TwoSites sites;
  private static FaultProxy proxy;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private final Random random = new Random(5);

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(ShipResumeAndRateIT.class), 1, portOfB -> {
      try {
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", portOfB));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return proxy.address().getPort();
    }, (c, site) -> {
      ShipSnapshotsIT.volumes(c, site);
      c.set("tandem.ship.portion.steps", "3");
      c.set("tandem.ship.portion.bytes", "4194304");
    });
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/v"));
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

  private void write(String path, long length) throws Exception {
    byte[] b = new byte[(int) length];
    random.nextBytes(b);
    try (FSDataOutputStream o = fsA.create(new Path(path), true)) {
      o.write(b);
    }
  }

  private static String snapshot() throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "create", "v");
    assertEquals(TandemCli.OK, c.exit, c.toString());
    List<String> names = new VolumeSnapshots((DistributedFileSystem) fsA, "/v", "site-a").list();
    return names.get(names.size() - 1);
  }

  private static void bandwidth(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "snapshot";
    all[1] = "bandwidth";
    System.arraycopy(args, 0, all, 2, args.length);
    Cli c = Cli.run(sites.a().conf(), all);
    assertEquals(TandemCli.OK, c.exit, c.toString());
  }

  private static void shipNoWait() throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "ship", "v", "--no-wait");
    assertEquals(TandemCli.OK, c.exit, c.toString());
  }

  /** The leading agent's ship counters; awaited, since an agent that just started has not taken the lead yet. */
  private static ShipStats stats() {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> sites.a().nameNodePlugin(0).mirrorComponent().shipStats().get("v"), s -> s != null);
  }

  private static ShipRecord record() throws Exception {
    return ShipRecords.read(sites.a(), "v");
  }

  private static ShipRecord awaitCommitted(String name) {
    return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(
        () -> ShipRecords.find(sites.a(), "v").orElse(null),
        r -> r != null && r.snapshot.equals(name) && r.state == ShipRecord.State.COMMITTED);
  }

  @Test
  @Order(1)
  void anInterruptedShipResumesWithOnlyTheRemainder() throws Exception {
    for (int i = 0; i < 16; i++) {
      write("/v/part-" + i, MIB / 2);
    }
    String name = snapshot();
    bandwidth("16"); // 2 MB/s: the 8 MiB ship takes about four seconds, time to interrupt it
    shipNoWait();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> ShipRecords.find(sites.a(), "v").map(r -> r.snapshot.equals(name) && r.portionsDone >= 2)
            .orElse(false));

    TandemNameNodePlugin plugin = sites.a().nameNodePlugin(0);
    plugin.stop(); // the agent closes mid-ship
    ShipRecord atStop = record();
    assertEquals(ShipRecord.State.SHIPPING, atStop.state, atStop.progressLine());
    assertTrue(atStop.portionsDone < atStop.portionsTotal, atStop.progressLine());
    plugin.start(sites.a().dfs().getNameNode(0));

    ShipRecord done = awaitCommitted(name);
    long afterRestart = stats().bytesSent();
    long remainder = atStop.bytesTotal - atStop.bytesDone;
    System.out.printf("resume: %d of %d bytes recorded done at the stop, %d sent after the restart, %d in all%n",
        atStop.bytesDone, atStop.bytesTotal, afterRestart, done.bytesSent);
    assertTrue(atStop.bytesDone >= MIB, "portions were recorded before the stop: " + atStop.progressLine());
    assertTrue(afterRestart > 0 && afterRestart <= remainder,
        "after the restart only the remainder is sent: " + afterRestart + " of " + remainder);
    assertTrue(done.bytesSent <= done.bytesTotal, "no portion counted twice: " + done.bytesSent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  /** Bytes per second through the shipping limiter over {@code window}. */
  private static double measure(Duration window) throws InterruptedException {
    long b0 = stats().bytesPaced();
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis()); // the measuring window itself, not a wait for a condition
    long b1 = stats().bytesPaced();
    long t1 = System.nanoTime();
    return (b1 - b0) * 1e9 / (t1 - t0);
  }

  @Test
  @Order(2)
  void theRateHoldsTheCapAndFollowsAChangeMidShip() throws Exception {
    for (int i = 0; i < 24; i++) {
      write("/v/rate-" + i, MIB);
    }
    String name = snapshot();
    bandwidth("16"); // 2,000,000 B/s
    long pacedBefore = stats().bytesPaced();
    shipNoWait();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> stats().bytesPaced() - pacedBefore > 256 * 1024);
    double first = measure(Duration.ofSeconds(5));
    bandwidth("8"); // 1,000,000 B/s, from within a second
    Thread.sleep(1500); // let the new cap take effect; the rate is measured after it
    double second = measure(Duration.ofSeconds(5));
    assertEquals(ShipRecord.State.SHIPPING, record().state, "still shipping while measured");
    System.out.printf("rate: %.0f B/s at a 16 Mbit/s cap, %.0f B/s after the cap changed to 8 Mbit/s%n", first, second);
    assertEquals(2_000_000, first, 2_000_000 * 0.15, "rate at 16 Mbit/s over 5 s");
    assertEquals(1_000_000, second, 1_000_000 * 0.15, "rate after the change to 8 Mbit/s");
    bandwidth("--clear");
    awaitCommitted(name);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  @Test
  @Order(3)
  void aShipAcrossACutLinkResumesWhenTheLinkIsBack() throws Exception {
    for (int i = 0; i < 12; i++) {
      write("/v/cut-" + i, MIB / 2);
    }
    String name = snapshot();
    bandwidth("16");
    long sentBefore = stats().bytesSent();
    shipNoWait();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> ShipRecords.find(sites.a(), "v").map(r -> r.snapshot.equals(name) && r.portionsDone >= 2)
            .orElse(false));
    proxy.blackhole();
    ShipRecord atCut = await().atMost(Duration.ofSeconds(20)).until(ShipResumeAndRateIT::record,
        r -> stats().lastError() != null && stats().lastError().contains("link to site-b"));
    bandwidth("--clear");
    proxy.pass();
    ShipRecord done = awaitCommitted(name);
    long sent = stats().bytesSent() - sentBefore;
    System.out.printf("link cut: %d of %d bytes recorded done at the cut, %d sent for the ship in all%n",
        atCut.bytesDone, done.bytesTotal, sent);
    assertEquals(ShipRecord.State.SHIPPING, atCut.state);
    assertTrue(sent <= done.bytesTotal + MIB, "at most the portion in flight is sent again: " + sent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }
}
