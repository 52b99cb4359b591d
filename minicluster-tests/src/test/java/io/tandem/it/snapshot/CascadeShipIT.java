package io.tandem.it.snapshot;

import static io.tandem.it.snapshot.ShipDriver.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.ShipClaimRecord;
import io.tandem.coord.record.ShipRecord;
import io.tandem.hadoop.TandemNameNodePlugin;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.Cli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.ThreeSites;
import io.tandem.it.harness.Trees;
import io.tandem.mirror.ship.ShipStats;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Cascading ships on three sites. Volume v is primary on site-a, shipped to site-b, and site-b ships each snapshot
 * that arrives on to site-c: after a first full ship and a change set (new files, appends, renames, deletes), site-c's
 * snapshots equal site-a's. Volume w could reach site-c from site-a or from site-b: each snapshot is shipped there by
 * exactly one of them, the less loaded (site-b: site-a is the primary), and when site-b's agent stops mid-ship,
 * site-a takes the ship over once site-b's lease runs out and finishes it from what had arrived.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CascadeShipIT {
  private static final Duration SHIP = Duration.ofSeconds(60);
  private static final long LEASE_MS = 4000;
  private static ThreeSites sites;
  private static FileSystem fsA;
  private static FileSystem fsC;
  private final Random random = new Random(17);

  @BeforeAll
  static void start() throws Exception {
    sites = ThreeSites.start(TestDirsAccess.forClass(CascadeShipIT.class), 1, CascadeShipIT::configure);
    fsA = Trees.comparableFs(sites.a());
    fsC = Trees.comparableFs(sites.c());
    fsA.mkdirs(new Path("/v"));
    fsA.mkdirs(new Path("/w"));
  }

  /** Each site's view of the two volumes, as an operator writes it in that site's XML. */
  private static void configure(Configuration c, String site) {
    // A heartbeat gap of a few seconds on a loaded machine must not take a link down mid-test: a source whose link is
    // not up makes no offer, and site-b's offer must reach site-c inside the window that site-a's opens.
    MirroredVolumes.timings(c, 100, 5000, 500, 500);
    c.set("tandem.volumes", "v,w");
    c.set("tandem.ship.portion.steps", "3");
    c.set("tandem.ship.portion.bytes", "1048576");
    c.setInt("dfs.namenode.snapshotdiff.listing.limit", 3);
    for (String vol : List.of("v", "w")) {
      c.set("tandem.volume." + vol + ".path", "/" + vol);
      c.set("tandem.volume." + vol + ".primary", "site-a");
      switch (site) {
        case "site-a":
          c.set("tandem.volume." + vol + ".peer", "site-b");
          c.set("tandem.volume." + vol + ".ship", "true");
          break;
        case "site-b":
          c.set("tandem.volume." + vol + ".peer", "site-a");
          c.set("tandem.volume." + vol + ".ship.onward", "site-c");
          break;
        default:
          c.set("tandem.volume." + vol + ".ship.sources", vol.equals("v") ? "site-b" : "site-b,site-a");
      }
    }
    if (site.equals("site-a")) {
      c.set("tandem.volume.w.ship.onward", "site-c"); // site-a could ship w to site-c itself
    }
    // Site-a offers each w snapshot as soon as it has shipped it to site-b; the window must outlast site-b's tick
    // (1 s), its noticing the snapshot, and a pause of the machine.
    c.setLong("tandem.ship.claim.window.ms", 8000);
    c.setLong("tandem.ship.claim.lease.ms", LEASE_MS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fsA != null) {
      fsA.close();
      fsC.close();
    }
    if (sites != null) {
      sites.close();
    }
  }

  private void write(String path, int length) throws Exception {
    byte[] b = new byte[length];
    random.nextBytes(b);
    try (FSDataOutputStream o = fsA.create(new Path(path), true)) {
      o.write(b);
    }
  }

  private void append(String path, int length) throws Exception {
    byte[] b = new byte[length];
    random.nextBytes(b);
    try (FSDataOutputStream o = fsA.append(new Path(path))) {
      o.write(b);
    }
  }

  private static String snapshot(String volume) throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "create", volume);
    assertEquals(TandemCli.OK, c.exit, c.toString());
    List<String> names = new VolumeSnapshots((DistributedFileSystem) fsA, "/" + volume, "site-a").list();
    return names.get(names.size() - 1);
  }

  /** Waits until site-c committed the snapshot, then compares it with site-a's: listing, lengths, checksums. */
  private static void awaitIdenticalOnC(String volume, String name) throws Exception {
    String snap = "/" + volume + "/.snapshot/" + name;
    await().atMost(SHIP).pollInterval(Duration.ofMillis(250)).until(() -> fsC.exists(new Path(snap)));
    assertEquals(List.of(), Trees.differences(fsA, snap, fsC, snap), snap + " on site-c equals site-a's");
  }

  /** The leading agent's ship counters of a route ({@code w->site-c}), awaited while the agent takes the lead. */
  private static ShipStats stats(TandemSite site, String route) {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> site.nameNodePlugin(0).mirrorComponent().shipStats().get(route), s -> s != null);
  }

  private static Map<String, ShipStats> allStats(TandemSite site) {
    return site.nameNodePlugin(0).mirrorComponent().shipStats();
  }

  @Test
  @Order(1)
  void aReplicaShipsEachSnapshotOnAndTheEndOfTheCascadeEqualsThePrimary() throws Exception {
    write("/v/big1", 3 * (int) MIB + 11);
    write("/v/a", 1000);
    write("/v/d1/x", 70_000);
    write("/v/d1/y", 300);
    write("/v/gone/p", 400);
    write("/v/gone/deeper/q", 500);
    write("/v/keep/same", 700);
    String s1 = snapshot("v");
    awaitIdenticalOnC("v", s1);
    ShipRecord first = await().atMost(SHIP).until(() -> ShipRecords.findOnward(sites.b(), "v", "site-c").orElse(null),
        r -> r != null && r.snapshot.equals(s1) && r.state == ShipRecord.State.COMMITTED);
    assertNull(first.base, "site-b's first ship on to site-c is whole");
    assertTrue(first.bytesSent >= 3 * MIB, "read from site-b's snapshot: " + first.progressLine());

    append("/v/big1", 256 * 1024);
    fsA.rename(new Path("/v/a"), new Path("/v/b"));
    fsA.rename(new Path("/v/b"), new Path("/v/c"));
    fsA.rename(new Path("/v/d1"), new Path("/v/d2"));
    write("/v/d2/z", 800);
    append("/v/d2/x", 1000);
    fsA.delete(new Path("/v/d2/y"), false);
    fsA.delete(new Path("/v/gone"), true);
    write("/v/new/n1", 1100);
    fsA.rename(new Path("/v/keep/same"), new Path("/v/new/moved-in"));
    String s2 = snapshot("v");
    awaitIdenticalOnC("v", s2);
    assertEquals(List.of(), Trees.differences(fsA, "/v", fsC, "/v"), "live directories agree too");
    ShipRecord second = await().atMost(SHIP).until(() -> ShipRecords.findOnward(sites.b(), "v", "site-c").orElse(null),
        r -> r != null && r.snapshot.equals(s2) && r.state == ShipRecord.State.COMMITTED);
    assertEquals(s1, second.base, "site-b ships on only the difference");
    long changed = 256 * 1024 + 800 + 1000 + 1100;
    assertTrue(second.bytesSent <= changed + 64 * 1024, "only the changes went on: " + second.progressLine());
    assertFalse(allStats(sites.a()).containsKey("v->site-c"), "site-a does not ship v to site-c itself");

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(
        () -> Cli.run(sites.b().conf(), "status").out, out -> out.contains("ship.v->site-c " + s2 + " COMMITTED"));
    Cli back = Cli.run(sites.b().conf(), "snapshot", "ship", "v");
    assertEquals(TandemCli.FAILED, back.exit, "a replica never ships back to the primary: " + back);
    Cli onward = Cli.run(sites.b().conf(), "snapshot", "ship", "v", "--to", "site-c");
    assertEquals(TandemCli.OK, onward.exit, onward.toString());
    assertTrue(onward.out.contains("snapshot " + s2 + " committed on site-c"), onward.toString());
  }

  @Test
  @Order(2)
  void withTwoPossibleSourcesExactlyOneShipsEachSnapshotTheLessLoaded() throws Exception {
    ShipStats fromA = stats(sites.a(), "w->site-c");
    ShipStats fromB = stats(sites.b(), "w->site-c");
    for (int round = 1; round <= 2; round++) {
      long aBefore = fromA.bytesSent();
      long bBefore = fromB.bytesSent();
      for (int i = 0; i < 4; i++) {
        write("/w/r" + round + "-" + i, 100_000 + i);
      }
      String s = snapshot("w");
      awaitIdenticalOnC("w", s);
      ShipClaimRecord claim = ShipRecords.claim(sites.c(), "w").orElseThrow();
      assertEquals(s, claim.lastSnapshot);
      assertEquals("site-b", claim.lastBy, "site-b offered the lower load score (site-a is the primary)");
      assertNull(claim.holder, "the claim ended with the commit");
      assertEquals(0, fromA.bytesSent() - aBefore, "site-a sent nothing to site-c for " + s);
      assertTrue(fromB.bytesSent() - bBefore >= 4 * 100_000, "site-b shipped " + s);
    }
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(
        () -> Cli.run(sites.c().conf(), "status").out, out -> out.contains("claim.w "));
  }

  @Test
  @Order(3)
  void whenTheChosenSourceStopsMidShipTheOtherFinishesIt() throws Exception {
    ShipStats fromA = stats(sites.a(), "w->site-c");
    long aBefore = fromA.bytesSent();
    for (int i = 0; i < 12; i++) {
      write("/w/t-" + i, (int) MIB / 2);
    }
    String s = snapshot("w");
    Cli capped = Cli.run(sites.b().conf(), "snapshot", "bandwidth", "8"); // 1 MB/s: about six seconds
    assertEquals(TandemCli.OK, capped.exit, capped.toString());
    await().atMost(SHIP).pollInterval(Duration.ofMillis(50)).until(
        () -> ShipRecords.findOnward(sites.b(), "w", "site-c").map(r -> r.snapshot.equals(s) && r.portionsDone >= 1)
            .orElse(false));
    TandemNameNodePlugin b = sites.b().nameNodePlugin(0);
    b.stop(); // site-b's agent goes away mid-ship
    ShipRecord atStop = ShipRecords.findOnward(sites.b(), "w", "site-c").orElseThrow();
    assertEquals(ShipRecord.State.SHIPPING, atStop.state, atStop.progressLine());

    awaitIdenticalOnC("w", s);
    ShipClaimRecord claim = ShipRecords.claim(sites.c(), "w").orElseThrow();
    assertEquals("site-a", claim.lastBy, "site-a took the ship over");
    ShipRecord byA = ShipRecords.findOnward(sites.a(), "w", "site-c").orElseThrow();
    assertTrue(byA.takeover && byA.state == ShipRecord.State.COMMITTED, byA.progressLine());
    long sentByA = fromA.bytesSent() - aBefore;
    System.out.printf("takeover: site-b had %d of %d bytes recorded done; site-a sent %d%n", atStop.bytesDone,
        atStop.bytesTotal, sentByA);
    assertTrue(sentByA > 0 && sentByA <= atStop.bytesTotal - atStop.bytesDone,
        "site-a sent only what had not arrived: " + sentByA);
    assertEquals(List.of(), Trees.differences(fsA, "/w", fsC, "/w"));

    b.start(sites.b().dfs().getNameNode(0));
    Cli cleared = Cli.run(sites.b().conf(), "snapshot", "bandwidth", "--clear");
    assertEquals(TandemCli.OK, cleared.exit, cleared.toString());
    ShipRecord resumed = await().atMost(SHIP).until(() -> ShipRecords.findOnward(sites.b(), "w", "site-c")
        .orElse(null), r -> r != null && r.state == ShipRecord.State.COMMITTED);
    assertEquals(s, resumed.snapshot, "site-b, back, finds the snapshot there and sends nothing more");
  }
}
