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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = new String[args.length + 1];
    argv[0] = "failover";
    System.arraycopy(args, 0, argv, 1, args.length);
    int exit = ToolRunner.run(site.conf(), new TandemCli(new PrintStream(out, true, "UTF-8"),
        new PrintStream(err, true, "UTF-8")), argv);
    String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    return exit + " " + text;
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
    AccessControlException e = assertThrows(AccessControlException.class, () -> write(fs, path, "not allowed"));
    assertTrue(e.getMessage().contains("is in volume x, which is REPLICA on " + site), e.getMessage());
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

    String demoted = failover(sites.a(), "demote", "x");
    assertTrue(demoted.startsWith(TandemCli.OK + " ") && demoted.contains("REPLICA on site-a at epoch 2")
        && demoted.contains("kept in snapshot tandem-"), demoted);
    String promoted = failover(sites.b(), "promote", "x");
    assertTrue(promoted.startsWith(TandemCli.OK + " ") && promoted.contains("PRIMARY on site-b at epoch 3")
        && promoted.contains("site-a is REPLICA at the same epoch"), promoted);

    awaitWritable(aliceB, "/x/from-b");
    write(aliceB, "/x/from-a", "rewritten on site-b, the new primary");
    Trees.awaitIdentical(fsB, "/x", fsA, "/x", CONVERGE);
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
  }
}
