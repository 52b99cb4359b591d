package io.tandem.it.mirror;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.TandemAttributeProvider;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Role reversal: with {@link TandemAttributeProvider} on both NameNodes, a REPLICA volume refuses every client's
 * writes (here alice's, an ordinary user; HDFS's superuser, as which Tandem's receiver applies, is exempt). Demote on
 * the primary, promote on the replica: the direction of mirroring turns, writes on the new primary reach the old one,
 * and the pair swaps back the same way.
 */
class FailoverIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static TwoSites sites;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private static FileSystem aliceA;
  private static FileSystem aliceB;

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(FailoverIT.class), 1, port -> port, (c, site) -> {
      MirroredVolumes.timings(c, 100, 700, 1000, 500);
      MirroredVolumes.async(c, site, "x", "site-a");
      // s: shipped as snapshots, not mirrored
      c.set("tandem.volumes", "x,s");
      c.set("tandem.volume.s.path", "/s");
      c.set("tandem.volume.s.peer", MirroredVolumes.peerOf(site));
      c.set("tandem.volume.s.primary", "site-a");
      c.set("dfs.namenode.inode.attributes.provider.class", TandemAttributeProvider.class.getName());
    });
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    for (FileSystem fs : new FileSystem[] {fsA, fsB}) {
      fs.mkdirs(new Path("/free"));
      fs.setPermission(new Path("/free"), new FsPermission((short) 0777));
    }
    fsA.mkdirs(new Path("/x"));
    fsA.setPermission(new Path("/x"), new FsPermission((short) 0777));
    fsA.mkdirs(new Path("/s"));
    fsA.setPermission(new Path("/s"), new FsPermission((short) 0777));
    UserGroupInformation alice = UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
    aliceA = alice.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(sites.a().conf()));
    aliceB = alice.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(sites.b().conf()));
    Trees.awaitIdentical(fsA, "/x", fsB, "/x", CONVERGE);
  }

  @AfterAll
  static void stop() throws Exception {
    for (FileSystem fs : new FileSystem[] {aliceA, aliceB, fsA, fsB}) {
      if (fs != null) {
        fs.close();
      }
    }
    if (sites != null) {
      sites.close();
    }
  }

  private static void write(FileSystem fs, String path, String text) throws IOException {
    try (FSDataOutputStream o = fs.create(new Path(path), true)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String failover(TandemSite site, String... args) throws Exception {
    String[] argv = new String[args.length + 1];
    argv[0] = "failover";
    System.arraycopy(args, 0, argv, 1, args.length);
    return cli(site, argv);
  }

  /** Waits until alice may write {@code path} (the NameNode learns a role change through a ZooKeeper watch). */
  private static void awaitWritable(FileSystem fs, String path) {
    await().atMost(Duration.ofSeconds(20)).ignoreException(AccessControlException.class)
        .until(() -> {
          write(fs, path, "written by alice on the primary");
          return true;
        });
  }

  private static void assertRefused(FileSystem fs, String path, String site) {
    assertRefused(fs, path, site, "x");
  }

  private static void assertRefused(FileSystem fs, String path, String site, String volume) {
    AccessControlException e = assertThrows(AccessControlException.class, () -> write(fs, path, "not allowed"));
    assertTrue(e.getMessage().contains("is in volume " + volume + ", which is REPLICA on " + site), e.getMessage());
  }

  @Test
  void demotePromoteWriteOnTheNewPrimaryAndSwapBack() throws Exception {
    write(aliceA, "/x/from-a", "alice on site-a, the primary");
    Trees.awaitIdentical(fsA, "/x", fsB, "/x", CONVERGE);
    assertRefused(aliceB, "/x/on-the-replica", "site-b");
    write(aliceB, "/free/outside-volumes", "not a volume: plain HDFS");

    String refused = failover(sites.b(), "promote", "x");
    assertTrue(refused.startsWith(TandemCli.FAILED + " ") && refused.contains("site-a still holds volume x as PRIMARY"),
        refused);

    // A late write the mirror never carried (paused): the demote snapshot keeps it, and so does the resync snapshot
    // the new primary takes on site-a before its first copy undoes it.
    assertTrue(cli(sites.a(), "mirror", "pause", "x").startsWith(TandemCli.OK + " "));
    await().atMost(Duration.ofSeconds(20)).until(() -> "PAUSED".equals(
        sites.a().nameNodePlugin(0).mirrorComponent().volumeStats().get("x").state()));
    write(aliceA, "/x/late-on-a", "never mirrored");
    String demoted = failover(sites.a(), "demote", "x");
    assertTrue(cli(sites.a(), "mirror", "resume", "x").startsWith(TandemCli.OK + " "));
    assertTrue(demoted.startsWith(TandemCli.OK + " ") && demoted.contains("REPLICA on site-a at epoch 2")
        && demoted.contains("kept in snapshot tandem-"), demoted);
    String promoted = failover(sites.b(), "promote", "x");
    assertTrue(promoted.startsWith(TandemCli.OK + " ") && promoted.contains("PRIMARY on site-b at epoch 3")
        && promoted.contains("site-a is REPLICA at the same epoch"), promoted);

    awaitWritable(aliceB, "/x/from-b");
    write(aliceB, "/x/from-a", "rewritten on site-b, the new primary");
    Trees.awaitIdentical(fsB, "/x", fsA, "/x", CONVERGE);
    assertTrue(!fsA.exists(new Path("/x/late-on-a")), "the resync undid the write site-b never had");
    assertTrue(fsA.exists(new Path("/x/.snapshot/resync-before-epoch-3/late-on-a")), "and kept it first");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      assertRefused(aliceA, "/x/on-the-old-primary", "site-a");
      return true;
    });

    assertTrue(failover(sites.b(), "demote", "x").startsWith(TandemCli.OK + " "));
    String back = failover(sites.a(), "promote", "x");
    assertTrue(back.startsWith(TandemCli.OK + " ") && back.contains("PRIMARY on site-a at epoch 5"), back);
    awaitWritable(aliceA, "/x/back-on-a");
    Trees.awaitIdentical(fsA, "/x", fsB, "/x", CONVERGE);
    assertEquals("rewritten on site-b, the new primary".length(), fsA.getFileStatus(new Path("/x/from-a")).getLen());
    assertTrue(fsB.exists(new Path("/x/.snapshot/resync-before-epoch-5/from-b")), "site-b's state kept at the swap back");
  }

  /** Runs {@code tandem <args>} against the site: the exit code, a space, then what it printed. */
  private static String cli(TandemSite site, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ToolRunner.run(site.conf(), new TandemCli(new PrintStream(out, true, "UTF-8"),
        new PrintStream(err, true, "UTF-8")), args);
    return exit + " " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  /** Creates a snapshot of volume s on the site and ships it to the other, waiting until it is committed there. */
  private static String snapshotAndShip(TandemSite site) throws Exception {
    String created = cli(site, "snapshot", "create", "s");
    assertTrue(created.startsWith(TandemCli.OK + " "), created);
    String shipped = cli(site, "snapshot", "ship", "s");
    assertTrue(shipped.startsWith(TandemCli.OK + " ") && shipped.contains("committed on"), shipped);
    return shipped;
  }

  private static List<String> snapshotsOf(FileSystem fs, String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new Path("/s/.snapshot"))) {
      if (st.getPath().getName().startsWith(prefix)) {
        names.add(st.getPath().getName());
      }
    }
    return names;
  }

  /**
   * A shipped volume across a swap and back: the old primary wrote after the last common snapshot and never shipped
   * it; the new primary's first ship resyncs it (those writes kept in a resync snapshot, undone, the new primary's
   * deltas applied); the same the other way round after swapping back.
   */
  @Test
  void aShippedVolumeIsResyncedAfterEachSwapKeepingWhatTheOldPrimaryWrote() throws Exception {
    write(aliceA, "/s/one", "shipped from site-a");
    snapshotAndShip(sites.a());
    write(aliceA, "/s/unshipped-on-a", "written on site-a after the last ship");
    assertRefused(aliceB, "/s/on-the-replica", "site-b", "s");

    assertTrue(failover(sites.a(), "demote", "s").startsWith(TandemCli.OK + " "));
    assertTrue(failover(sites.b(), "promote", "s").startsWith(TandemCli.OK + " "));
    awaitWritable(aliceB, "/s/from-b");
    snapshotAndShip(sites.b());
    assertEquals(List.of(), Trees.differences(fsB, "/s", fsA, "/s"), "site-a is a faithful replica of site-b");
    assertTrue(!fsA.exists(new Path("/s/unshipped-on-a")), "what site-a wrote after the common snapshot is undone");
    List<String> kept = snapshotsOf(fsA, "resync-");
    assertEquals(1, kept.size(), "one resync snapshot on site-a: " + kept);
    assertTrue(fsA.exists(new Path("/s/.snapshot/" + kept.get(0) + "/unshipped-on-a")), "and kept there: " + kept);

    write(aliceB, "/s/unshipped-on-b", "written on site-b after its last ship");
    assertTrue(failover(sites.b(), "demote", "s").startsWith(TandemCli.OK + " "));
    assertTrue(failover(sites.a(), "promote", "s").startsWith(TandemCli.OK + " "));
    awaitWritable(aliceA, "/s/back-on-a");
    String second = snapshotAndShip(sites.a());
    assertEquals(List.of(), Trees.differences(fsA, "/s", fsB, "/s"), "site-b is a faithful replica again");
    assertTrue(fsB.exists(new Path("/s/from-b")) && fsB.exists(new Path("/s/back-on-a")), second);
    List<String> keptOnB = snapshotsOf(fsB, "resync-");
    assertEquals(1, keptOnB.size(), "one resync snapshot on site-b: " + keptOnB);
    assertTrue(fsB.exists(new Path("/s/.snapshot/" + keptOnB.get(0) + "/unshipped-on-b")));

    write(aliceA, "/s/later", "a later change in the same term");
    snapshotAndShip(sites.a());
    assertEquals(1, snapshotsOf(fsB, "resync-").size(), "a later ship in the same term is no resync");
  }
}
