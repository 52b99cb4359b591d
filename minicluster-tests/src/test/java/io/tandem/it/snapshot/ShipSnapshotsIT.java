package io.tandem.it.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.ShipRecord;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.Cli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.ship.ShipStats;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Snapshot shipping between two sites over the real link: a first ship copies the snapshot whole; the next ships
 * only the difference (renames as renames, appends as appended bytes), and after each, the shipped snapshot is
 * identical on both sides. A peer changed behind Tandem's back is refused with what differs, then rolled back with
 * --force, keeping its state in a snapshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipSnapshotsIT {
  private static final Duration SHIP = Duration.ofSeconds(40);
  private static TwoSites sites;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private final Random random = new Random(11);

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(ShipSnapshotsIT.class), 1, port -> port, (c, site) -> {
      volumes(c, site);
      c.set("tandem.volumes", "v,auto,pre");
      c.set("tandem.volume.pre.path", "/pre");
      c.set("tandem.volume.pre.peer", MirroredVolumes.peerOf(site));
      c.set("tandem.volume.pre.primary", "site-a");
      c.set("tandem.volume.auto.path", "/auto");
      c.set("tandem.volume.auto.peer", MirroredVolumes.peerOf(site));
      c.set("tandem.volume.auto.primary", "site-a");
      c.set("tandem.volume.auto.snapshot.interval", "2s");
      c.set("tandem.volume.auto.snapshot.retain", "5");
      c.set("tandem.volume.auto.ship", "true");
    });
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/v"));
  }

  static void volumes(Configuration c, String site) {
    MirroredVolumes.timings(c, 100, 700, 500, 500);
    c.set("tandem.volumes", "v");
    c.set("tandem.volume.v.path", "/v");
    c.set("tandem.volume.v.peer", MirroredVolumes.peerOf(site));
    c.set("tandem.volume.v.primary", "site-a");
    c.set("tandem.ship.portion.steps", "4");
    c.set("tandem.ship.portion.bytes", "1048576");
    c.setInt("dfs.namenode.snapshotdiff.listing.limit", 3); // the diff arrives in several pages
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
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private void write(String path, int length) throws Exception {
    write(fsA, path, length);
  }

  private void write(FileSystem fs, String path, int length) throws Exception {
    try (FSDataOutputStream o = fs.create(new Path(path), true)) {
      o.write(bytes(length));
    }
  }

  private void append(String path, int length) throws Exception {
    try (FSDataOutputStream o = fsA.append(new Path(path))) {
      o.write(bytes(length));
    }
  }

  static String snapshot() throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "create", "v");
    assertEquals(TandemCli.OK, c.exit, c.toString());
    List<String> names = new VolumeSnapshots((DistributedFileSystem) fsA, "/v", "site-a").list();
    return names.get(names.size() - 1);
  }

  static ShipRecord ship(String name) throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "ship", "v");
    assertEquals(TandemCli.OK, c.exit, c.toString());
    assertTrue(c.out.contains("snapshot " + name + " committed on site-b"), c.toString());
    return ShipRecords.read(sites.a(), "v");
  }

  static void assertShippedIdentical(String name) throws Exception {
    String snap = "/v/.snapshot/" + name;
    assertTrue(fsB.exists(new Path(snap)), "the peer holds " + name);
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  static ShipStats stats() {
    return sites.a().nameNodePlugin(0).mirrorComponent().shipStats().get("v");
  }

  @Test
  @Order(1)
  void firstShipIsWholeThenOnlyTheDifference() throws Exception {
    write("/v/big1", 3 * 1024 * 1024 + 11);
    write("/v/big2", 2 * 1024 * 1024 + 5);
    write("/v/a", 1000);
    write("/v/d1/x", 70_000);
    write("/v/d1/y", 300);
    write("/v/gone/p", 400);
    write("/v/gone/deeper/q", 500);
    write("/v/recreated", 600);
    write("/v/keep/same", 700);
    String s1 = snapshot();
    ShipRecord first = ship(s1);
    assertEquals(null, first.base, "the first ship is a full copy");
    assertShippedIdentical(s1);
    long fullBytes = first.bytesSent;
    assertTrue(fullBytes >= 5 * 1024 * 1024, "the first ship copies everything: " + fullBytes);

    append("/v/big1", 256 * 1024);
    append("/v/big2", 256 * 1024);
    fsA.rename(new Path("/v/a"), new Path("/v/b"));
    fsA.rename(new Path("/v/b"), new Path("/v/c")); // a chain: a -> b -> c
    fsA.rename(new Path("/v/d1"), new Path("/v/d2")); // a directory rename with changes inside
    write("/v/d2/z", 800);
    append("/v/d2/x", 1000);
    fsA.delete(new Path("/v/d2/y"), false);
    fsA.delete(new Path("/v/recreated"), false);
    write("/v/recreated", 900); // delete, then a new file at the same name
    fsA.delete(new Path("/v/gone"), true); // a directory delete
    write("/v/new/n1", 1100);
    write("/v/new/deep/n2", 1200);
    fsA.rename(new Path("/v/keep/same"), new Path("/v/new/moved-in")); // into a created directory
    String s2 = snapshot();
    long appendsBefore = stats().appends();
    ShipRecord second = ship(s2);
    assertEquals(s1, second.base, "the second ship is a difference");
    assertShippedIdentical(s2);
    assertEquals(List.of(), Trees.differences(fsA, "/v", fsB, "/v"), "live directories agree too");
    assertTrue(stats().appends() - appendsBefore >= 3, "big1, big2 and d2/x shipped as appends");
    long changed = 2 * 256 * 1024 + 1000 + 800 + 900 + 1100 + 1200;
    assertTrue(second.bytesSent <= changed + 64 * 1024,
        "only the changes were sent: " + second.bytesSent + " bytes for " + changed + " changed");

    String unchanged = snapshot();
    ShipRecord nothing = ship(unchanged);
    assertEquals(0, nothing.bytesSent, "a snapshot without changes sends nothing");
    assertShippedIdentical(unchanged);

    Cli fromReplica = Cli.run(sites.b().conf(), "snapshot", "ship", "v");
    assertEquals(TandemCli.FAILED, fromReplica.exit, fromReplica.toString());
    assertTrue(fromReplica.err.contains("is REPLICA on site-b"), fromReplica.toString());
  }

  @Test
  @Order(2)
  void aChangedPeerIsRefusedThenRolledBackWithForce() throws Exception {
    write(fsB, "/v/written-on-the-peer", 123);
    fsB.delete(new Path("/v/c"), false);
    fsB.rename(new Path("/v/d2"), new Path("/v/d3"));
    try (FSDataOutputStream o = fsB.append(new Path("/v/big1"))) {
      o.write(bytes(100));
    }
    write("/v/more", 2000);
    String s3 = snapshot();
    Cli refused = Cli.run(sites.a().conf(), "snapshot", "ship", "v");
    assertEquals(TandemCli.FAILED, refused.exit, refused.toString());
    assertTrue(refused.out.contains("+ written-on-the-peer"), refused.toString());
    assertTrue(refused.out.contains("- c") && refused.out.contains("R d2 -> d3") && refused.out.contains("M big1"),
        "every difference is reported: " + refused);
    assertTrue(refused.err.contains("changed since snapshot"), refused.toString());
    assertTrue(!fsB.exists(new Path("/v/more")), "nothing was sent");

    Cli forced = Cli.run(sites.a().conf(), "snapshot", "ship", "v", "--force");
    assertEquals(TandemCli.OK, forced.exit, forced.toString());
    assertShippedIdentical(s3);
    assertTrue(!fsB.exists(new Path("/v/written-on-the-peer")), "rolled back");
    boolean kept = false;
    for (var st : fsB.listStatus(new Path("/v/.snapshot"))) {
      String n = st.getPath().getName();
      if (n.startsWith("rollback-") && n.endsWith("-before-" + s3)) {
        kept = fsB.exists(new Path(st.getPath(), "written-on-the-peer"));
      }
    }
    assertTrue(kept, "the peer's own write is kept in a snapshot named for the rollback");
    assertEquals(List.of(), Trees.differences(fsA, "/v", fsB, "/v"), "the peer's changes are all undone");
  }

  @Test
  @Order(4)
  void aFirstShipOntoANonEmptyPeerIsRefusedUnlessForced() throws Exception {
    fsA.mkdirs(new Path("/pre"));
    write(fsB, "/pre/already-there", 10);
    write("/pre/data", 3000);
    Cli created = Cli.run(sites.a().conf(), "snapshot", "create", "pre");
    assertEquals(TandemCli.OK, created.exit, created.toString());
    Cli refused = Cli.run(sites.a().conf(), "snapshot", "ship", "pre");
    assertEquals(TandemCli.FAILED, refused.exit, refused.toString());
    assertTrue(refused.out.contains("+ already-there"), refused.toString());
    Cli forced = Cli.run(sites.a().conf(), "snapshot", "ship", "pre", "--force");
    assertEquals(TandemCli.OK, forced.exit, forced.toString());
    assertEquals(List.of(), Trees.differences(fsA, "/pre", fsB, "/pre"));
  }

  @Test
  @Order(3)
  void withShipOnEachScheduledSnapshotIsShippedAndStatusShowsIt() throws Exception {
    write("/auto/one", 5000);
    write("/auto/dir/two", 6000);
    DistributedFileSystem b = (DistributedFileSystem) fsB;
    String shipped = await().atMost(SHIP).pollInterval(Duration.ofMillis(250)).until(() -> {
      List<String> there = new VolumeSnapshots(b, "/auto", "site-a").list();
      for (int i = there.size() - 1; i >= 0; i--) {
        if (fsB.exists(new Path("/auto/.snapshot/" + there.get(i) + "/dir/two"))) {
          return there.get(i);
        }
      }
      return null;
    }, n -> n != null);
    String snap = "/auto/.snapshot/" + shipped;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
    Cli status = Cli.run(sites.a().conf(), "status");
    assertTrue(status.out.contains("ship.auto ") && status.out.contains("ship.v "), status.toString());
  }

  /**
   * A ship carries what DistCp -pugpaxt would: permission, owner and group, ACLs, extended attributes and a file's
   * modification time and replication; a later ship of a change to attributes alone sends no data and leaves the
   * peer with exactly the snapshot's (an ACL or an attribute removed at the source goes on the peer too).
   */
  @Test
  @Order(5)
  void attributesTravelWithTheShipAndChangesToThemAlone() throws Exception {
    Path dir = new Path("/v/meta");
    Path file = new Path("/v/meta/f");
    write(file.toString(), 5000);
    fsA.setPermission(file, new FsPermission((short) 0640));
    fsA.setAcl(file, AclEntry.parseAclSpec("user::rw-,user:bob:r--,group::r--,mask::r--,other::---", true));
    fsA.setXAttr(file, "user.origin", "lab-7".getBytes(StandardCharsets.UTF_8));
    fsA.setXAttr(file, "user.dropped-later", new byte[] {1, 2, 3});
    fsA.setTimes(file, 1_700_000_000_000L, -1);
    fsA.setReplication(file, (short) 2);
    fsA.modifyAclEntries(dir, AclEntry.parseAclSpec("user:carol:r-x", true));
    fsA.setXAttr(dir, "user.team", "storage".getBytes(StandardCharsets.UTF_8));
    String s1 = snapshot();
    ship(s1);
    assertShippedIdentical(s1);
    assertSameAttributes(s1, "meta/f");
    assertSameAttributes(s1, "meta");
    assertEquals(1_700_000_000_000L, fsB.getFileStatus(new Path("/v/.snapshot/" + s1 + "/meta/f")).getModificationTime());
    assertEquals(2, fsB.getFileStatus(new Path("/v/.snapshot/" + s1 + "/meta/f")).getReplication());

    fsA.removeXAttr(file, "user.dropped-later");
    fsA.removeAcl(file);
    fsA.setTimes(file, 1_700_000_100_000L, -1);
    fsA.removeAclEntries(dir, AclEntry.parseAclSpec("user:carol", false));
    String s2 = snapshot();
    ShipRecord second = ship(s2);
    assertEquals(0, second.bytesSent, "a change to attributes alone sends no data");
    assertSameAttributes(s2, "meta/f");
    assertSameAttributes(s2, "meta");
    Path shipped = new Path("/v/.snapshot/" + s2 + "/meta/f");
    assertEquals(List.of(), fsB.getAclStatus(shipped).getEntries(), "the ACL removed at the source is gone");
    assertTrue(!fsB.getXAttrs(shipped).containsKey("user.dropped-later"), "the attribute removed is gone");
    assertEquals(1_700_000_100_000L, fsB.getFileStatus(shipped).getModificationTime());
  }

  private static void assertSameAttributes(String snapshot, String rel) throws Exception {
    Path p = new Path("/v/.snapshot/" + snapshot + "/" + rel);
    FileStatus a = fsA.getFileStatus(p);
    FileStatus b = fsB.getFileStatus(p);
    assertEquals(a.getPermission(), b.getPermission(), rel);
    assertEquals(a.getOwner() + ":" + a.getGroup(), b.getOwner() + ":" + b.getGroup(), rel);
    assertEquals(fsA.getAclStatus(p).getEntries(), fsB.getAclStatus(p).getEntries(), rel);
    Map<String, String> xa = new TreeMap<>();
    fsA.getXAttrs(p).forEach((k, v) -> xa.put(k, java.util.Arrays.toString(v)));
    Map<String, String> xb = new TreeMap<>();
    fsB.getXAttrs(p).forEach((k, v) -> xb.put(k, java.util.Arrays.toString(v)));
    xb.keySet().removeIf(k -> k.startsWith("trusted.tandem."));
    assertEquals(xa, xb, rel);
  }
}
