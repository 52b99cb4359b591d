package io.tandem.it.mirror;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.TandemFileSystem;
import io.tandem.hadoop.sync.SyncNotAcknowledgedException;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.link.fault.FaultProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sync mirroring through {@link TandemFileSystem}: on a sync volume, a call returns only once the peer holds the
 * change, so each assertion on the peer below is made the moment the call returns, without waiting. With the link
 * cut, {@code fail} throws and {@code degrade} returns loudly; either way nothing is lost once the link is back.
 * Volume s (degrade) and f (fail) are sync and primary on site-a, volume x is async; site-a reaches site-b through
 * a fault proxy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncMirrorIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  /** A sync volume below a directory of its own, which can be renamed or deleted with the volume in it. */
  private static final String DEEP = "/depot/deep";
  private static TwoSites sites;
  private static FaultProxy proxy;
  private static TandemFileSystem client;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private final Random random = new Random(11);

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(SyncMirrorIT.class), 1, portOfB -> {
      try {
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", portOfB));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return proxy.address().getPort();
    }, SyncMirrorIT::volumes);
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    for (String v : new String[] {"/s", "/f", "/x", DEEP}) {
      fsA.mkdirs(new Path(v));
    }
    client = sites.a().syncClient(5000);
    Trees.awaitIdentical(fsA, "/s", fsB, "/s", CONVERGE);
    Trees.awaitIdentical(fsA, "/f", fsB, "/f", CONVERGE);
    Trees.awaitIdentical(fsA, DEEP, fsB, DEEP, CONVERGE);
  }

  private static void volumes(Configuration c, String site) {
    // A heartbeat gap under 3 s (a loaded machine) must not take the link down: each test below but the two that
    // cut it expects the link UP, and a flap makes a sync call degrade.
    MirroredVolumes.timings(c, 100, 3000, 1000, 60_000);
    MirroredVolumes.async(c, site, "s", "site-a", "f", "site-a", "x", "site-a", "deep", "site-a");
    c.set("tandem.volume.deep.path", DEEP);
    c.set("tandem.volume.deep.mirror", "sync");
    c.set("tandem.volume.s.mirror", "sync");
    c.set("tandem.volume.f.mirror", "sync");
    c.set("tandem.volume.f.sync.on-link-down", "fail");
  }

  @AfterEach
  void linkBack() {
    proxy.pass();
    await().atMost(Duration.ofSeconds(30)).until(() -> mirrorStatus(sites.a()).contains("link site-b UP"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
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

  /** What a reader of the peer sees of {@code p} right now, open or closed. */
  private static long peerVisibleLength(Path p) throws IOException {
    try (FSDataInputStream in = fsB.open(p)) {
      return ((HdfsDataInputStream) in).getVisibleLength();
    }
  }

  private static byte[] peerBytes(Path p) throws IOException {
    try (FSDataInputStream in = fsB.open(p)) {
      byte[] b = new byte[(int) ((HdfsDataInputStream) in).getVisibleLength()];
      IOUtils.readFully(in, b, 0, b.length);
      return b;
    }
  }

  private static String mirrorStatus(TandemSite site) {
    return String.valueOf(site.nameNodePlugin(0).health().components().get("mirror"));
  }

  private void awaitLinkDown() {
    proxy.blackhole();
    await().atMost(Duration.ofSeconds(15)).until(() -> mirrorStatus(sites.a()).contains("link site-b DOWN"));
  }

  @Test
  @Order(1)
  void everyCallReturnsOnlyOnceThePeerHoldsTheChange() throws Exception {
    assertTrue(client instanceof DistributedFileSystem, "code that casts to DistributedFileSystem keeps working");
    Path dir = new Path("/s/dir");
    assertTrue(client.mkdirs(dir));
    assertTrue(fsB.exists(dir), "mkdirs returned only once the peer had the directory");

    Path file = new Path("/s/dir/open.log");
    byte[] first = bytes(5000);
    byte[] second = bytes(70_000);
    try (FSDataOutputStream out = client.create(file)) {
      assertTrue(out instanceof HdfsDataOutputStream, "code that casts the stream keeps working");
      out.write(first);
      out.hflush();
      assertTrue(peerVisibleLength(file) >= first.length,
          "hflush returned only once the peer held the flushed bytes: " + peerVisibleLength(file));
      out.write(second);
      ((HdfsDataOutputStream) out).hsync(java.util.EnumSet.of(HdfsDataOutputStream.SyncFlag.UPDATE_LENGTH));
      assertTrue(peerVisibleLength(file) >= first.length + second.length, "hsync returned only once the peer held it");
    }
    byte[] whole = new byte[first.length + second.length];
    System.arraycopy(first, 0, whole, 0, first.length);
    System.arraycopy(second, 0, whole, first.length, second.length);
    assertTrue(fsB.isFile(file));
    assertArrayEquals(whole, peerBytes(file), "close returned only once the peer held the whole file");

    byte[] more = bytes(3000);
    try (FSDataOutputStream out = client.append(file)) {
      out.write(more);
    }
    assertEquals(whole.length + more.length, fsB.getFileStatus(file).getLen(), "append then close, on the peer");

    Path renamed = new Path("/s/dir/renamed.log");
    assertTrue(client.rename(file, renamed));
    assertTrue(fsB.exists(renamed) && !fsB.exists(file), "rename is on the peer when it returns");
    client.setPermission(renamed, new FsPermission((short) 0640));
    assertEquals((short) 0640, fsB.getFileStatus(renamed).getPermission().toShort(), "permission on the peer");
    client.setTimes(renamed, 1_600_000_000_000L, -1);
    assertEquals(1_600_000_000_000L, fsB.getFileStatus(renamed).getModificationTime(), "times on the peer");
    client.truncate(renamed, 1000); // false: not on a block edge, so the last block is recovered in the background
    assertEquals(1000, fsB.getFileStatus(renamed).getLen(), "truncate is on the peer when it returns");
    assertTrue(client.delete(dir, true));
    assertFalse(fsB.exists(dir), "recursive delete is on the peer when it returns");
    assertTrue(mirrorStatus(sites.a()).contains("acknowledged"), mirrorStatus(sites.a()));
    assertEquals(0, client.degradedWrites());
  }

  @Test
  @Order(2)
  void failPolicyThrowsWhileTheLinkIsDownAndTheChangeStillArrivesLater() throws Exception {
    awaitLinkDown();
    Path file = new Path("/f/during-cut");
    byte[] data = bytes(4000);
    FSDataOutputStream out = client.create(file);
    out.write(data);
    SyncNotAcknowledgedException e = assertThrows(SyncNotAcknowledgedException.class, out::close);
    assertTrue(e.getMessage().contains("NOT acknowledged by site-b") && e.getMessage().contains("on-link-down=fail"),
        e.getMessage());
    // A second close (try-with-resources around an explicit close, a cleanup helper) does not pass for the first.
    assertThrows(SyncNotAcknowledgedException.class, out::close, "a second close reported the file stored on site-b");
    assertEquals(data.length, fsA.getFileStatus(file).getLen(), "the change is stored on this site");
    assertThrows(SyncNotAcknowledgedException.class, () -> client.mkdirs(new Path("/f/dir-during-cut")));
    // Paths outside sync volumes are not held at all.
    try (FSDataOutputStream o = client.create(new Path("/x/async-during-cut"))) {
      o.write(data);
    }
    proxy.pass();
    Trees.awaitIdentical(fsA, "/f", fsB, "/f", CONVERGE);
    assertArrayEquals(data, peerBytes(file), "nothing lost: the async path carried it once the link was back");
    await().atMost(Duration.ofSeconds(30)).until(() -> mirrorStatus(sites.a()).contains("link site-b UP"));
    client.mkdirs(new Path("/f/after"));
    assertTrue(fsB.exists(new Path("/f/after")), "sync again once the link is UP");
  }

  @Test
  @Order(3)
  void degradePolicyReturnsLoudlyAndTheChangeStillArrivesLater() throws Exception {
    awaitLinkDown();
    long before = client.degradedWrites();
    Path file = new Path("/s/degraded");
    try (FSDataOutputStream out = client.create(file)) {
      out.write(bytes(2500));
    }
    client.mkdirs(new Path("/s/degraded-dir"));
    assertEquals(before + 2, client.degradedWrites(), "both writes returned without the peer");
    assertFalse(fsB.exists(file));
    assertTrue(mirrorStatus(sites.a()).contains("SYNC NOT ACKNOWLEDGED"), mirrorStatus(sites.a()));
    proxy.pass();
    Trees.awaitIdentical(fsA, "/s", fsB, "/s", CONVERGE);
  }

  @Test
  @Order(4)
  void anHflushAfterItsFileWasRenamedWaitsForTheBytesUnderTheNewName() throws Exception {
    Path file = new Path("/s/moving.log");
    Path moved = new Path("/s/moved.log");
    byte[] first = bytes(4000);
    byte[] second = bytes(6000);
    long degradedBefore = client.degradedWrites();
    try (FSDataOutputStream out = client.create(file)) {
      out.write(first);
      out.hflush();
      assertTrue(client.rename(file, moved));
      out.write(second);
      out.hflush();
      assertTrue(peerVisibleLength(moved) >= first.length + second.length,
          "hflush after a rename returned only once the peer held the bytes under the new name: "
              + peerVisibleLength(moved));
    }
    assertEquals(degradedBefore, client.degradedWrites());
  }

  /**
   * A file renamed while open, and a new file created under its old name: each writer's hflush waits for its own
   * file. Before, the new file's barrier followed the old name to the renamed file, whose longer copy on the peer
   * answered it: the hflush returned with none of the new file's bytes there.
   */
  @Test
  @Order(5)
  void anHflushOfANewFileUnderARenamedOpenFilesOldNameWaitsForItsOwnBytes() throws Exception {
    Path name = new Path("/s/app.log");
    Path rotated = new Path("/s/app.log.1");
    byte[] old = bytes(8000);
    byte[] fresh = bytes(3000);
    byte[] more = bytes(2000);
    long degradedBefore = client.degradedWrites();
    try (FSDataOutputStream first = client.create(name)) {
      first.write(old);
      first.hflush();
      assertTrue(client.rename(name, rotated));
      try (FSDataOutputStream second = client.create(name)) {
        second.write(fresh);
        second.hflush();
        assertTrue(peerVisibleLength(name) >= fresh.length,
            "hflush of the new app.log returned before the peer held its bytes: " + peerVisibleLength(name));
      }
      first.write(more);
      first.hflush();
      assertTrue(peerVisibleLength(rotated) >= old.length + more.length,
          "hflush of the renamed file returned before the peer held its bytes: " + peerVisibleLength(rotated));
    }
    assertEquals(degradedBefore, client.degradedWrites());
  }

  /**
   * A rename or delete of a directory above a sync volume takes the whole volume along: the call returns once the
   * peer followed. Before, the call returned at once and the mirror ignored the change: the peer kept the volume
   * after it had left its path, and did not get what was moved into its place.
   */
  @Test
  @Order(6)
  void aRenameOrDeleteOfADirectoryAboveAVolumeReturnsOnceThePeerFollowed() throws Exception {
    Path root = new Path(DEEP);
    try (FSDataOutputStream out = client.create(new Path(DEEP + "/d/f"))) {
      out.write(bytes(5000));
    }
    long degradedBefore = client.degradedWrites();
    assertTrue(client.rename(new Path("/depot"), new Path("/depot-moved")));
    assertFalse(fsB.exists(root), "the volume left its path on site-a, and so on site-b");

    fsA.mkdirs(new Path("/elsewhere/deep/new"));
    try (FSDataOutputStream out = fsA.create(new Path("/elsewhere/deep/new/g"))) {
      out.write(bytes(7000));
    }
    assertTrue(client.rename(new Path("/elsewhere"), new Path("/depot")), "another directory takes its place");
    assertEquals(java.util.List.of(), Trees.differences(fsA, DEEP, fsB, DEEP), "what now stands there is the volume");

    assertTrue(client.delete(new Path("/depot"), true));
    assertFalse(fsB.exists(root), "the volume was deleted with the directory above it");

    // Once more, with a snapshot of the volume on site-b, which HDFS does not let anyone delete: the contents go.
    assertTrue(client.mkdirs(new Path(DEEP + "/kept")));
    try (FSDataOutputStream out = client.create(new Path(DEEP + "/kept/h"))) {
      out.write(bytes(3000));
    }
    DistributedFileSystem dfsB = sites.b().dfs().getFileSystem();
    dfsB.allowSnapshot(root);
    dfsB.createSnapshot(root, "before");
    assertTrue(client.rename(new Path("/depot"), new Path("/depot-moved-2")));
    assertEquals(java.util.List.of(), java.util.Arrays.stream(dfsB.listStatus(root))
        .map(st -> st.getPath().getName()).filter(n -> !n.equals(".tandem")).collect(java.util.stream.Collectors.toList()),
        "the volume's contents left with it");
    assertTrue(fsB.exists(new Path(DEEP + "/.snapshot/before/kept/h")), "the snapshot keeps what it held");
    assertTrue(client.mkdirs(new Path(DEEP + "/again")));
    assertTrue(fsB.exists(new Path(DEEP + "/again")), "the volume mirrors on once made again");
    assertEquals(degradedBefore, client.degradedWrites());
    assertTrue(fsA.exists(new Path("/depot-moved/deep/d/f")));
    assertFalse(fsB.exists(new Path("/depot-moved")), "nothing outside the volume is mirrored");
    assertFalse(fsB.exists(new Path("/depot-moved-2")));
  }

  /**
   * A change through HDFS's inode-id paths ({@code /.reserved/.inodes/<id>/...}), which name no volume, is held like
   * any other. Before, such calls returned at once.
   */
  @Test
  @Order(7)
  void aChangeThroughAnInodeIdPathIsHeldLikeAnyOther() throws Exception {
    Path dir = new Path("/s/by-id");
    assertTrue(client.mkdirs(dir));
    long dirId = ((org.apache.hadoop.hdfs.protocol.HdfsFileStatus) client.getFileStatus(dir)).getFileId();
    String byId = "/.reserved/.inodes/" + dirId;
    long degradedBefore = client.degradedWrites();
    assertTrue(client.mkdirs(new Path(byId + "/sub")));
    assertTrue(fsB.exists(new Path("/s/by-id/sub")), "mkdirs by inode id returned before the peer held it");
    byte[] first = bytes(4000);
    byte[] second = bytes(3000);
    try (FSDataOutputStream out = client.create(new Path(byId + "/f"))) {
      out.write(first);
      out.hflush();
      assertTrue(peerVisibleLength(new Path("/s/by-id/f")) >= first.length,
          "hflush by inode id returned before the peer held the bytes");
      out.write(second);
    }
    assertArrayEquals(java.nio.ByteBuffer.allocate(first.length + second.length).put(first).put(second).array(),
        peerBytes(new Path("/s/by-id/f")), "close by inode id returned before the peer held the file");
    long fileId = ((org.apache.hadoop.hdfs.protocol.HdfsFileStatus) client.getFileStatus(new Path("/s/by-id/f")))
        .getFileId();
    assertTrue(client.rename(new Path("/.reserved/.inodes/" + fileId), new Path("/s/by-id/g")));
    assertTrue(fsB.exists(new Path("/s/by-id/g")) && !fsB.exists(new Path("/s/by-id/f")),
        "a rename by inode id returned before the peer followed");
    assertTrue(client.delete(new Path("/.reserved/.inodes/" + fileId), false));
    assertFalse(fsB.exists(new Path("/s/by-id/g")), "a delete by inode id returned before the peer followed");
    assertEquals(degradedBefore, client.degradedWrites());

    // An inode outside every volume is not held, even while a fail volume's link is down.
    fsA.mkdirs(new Path("/outside"));
    long outsideId = ((org.apache.hadoop.hdfs.protocol.HdfsFileStatus) fsA.getFileStatus(new Path("/outside")))
        .getFileId();
    awaitLinkDown();
    assertTrue(client.mkdirs(new Path("/.reserved/.inodes/" + outsideId + "/x")));
    assertTrue(fsA.exists(new Path("/outside/x")));
    assertEquals(degradedBefore, client.degradedWrites(), "nothing to hold, so nothing degraded");
  }

  /**
   * Where fs.defaultFS is viewfs:// over this site, its hdfs:// children are TandemFileSystems of a file system
   * other than the default: naming this site's file system in tandem.sync.filesystem holds them. Before, there was
   * no way to: such calls returned at once.
   */
  @Test
  @Order(8)
  void aViewFsClientIsHeldOnceTheSitesFileSystemIsNamed() throws Exception {
    Configuration c = sites.a().conf();
    java.net.URI hdfs = FileSystem.getDefaultUri(c);
    c.set("fs.hdfs.impl", TandemFileSystem.class.getName());
    c.setBoolean("fs.hdfs.impl.disable.cache", true);
    c.setBoolean("fs.viewfs.impl.disable.cache", true);
    c.setLong("tandem.sync.timeout.ms", 5000);
    c.set("fs.defaultFS", "viewfs://cluster/");
    org.apache.hadoop.fs.viewfs.ConfigUtil.addLink(c, "cluster", "/mnt", hdfs.resolve("/s"));
    c.set("tandem.sync.filesystem", hdfs.toString());
    try (FileSystem view = FileSystem.get(java.net.URI.create("viewfs://cluster/"), c)) {
      assertTrue(view.mkdirs(new Path("/mnt/through-viewfs")));
      assertTrue(fsB.exists(new Path("/s/through-viewfs")), "mkdirs through viewfs returned before the peer held it");
      byte[] b = bytes(5000);
      try (FSDataOutputStream out = view.create(new Path("/mnt/through-viewfs/f"))) {
        out.write(b);
        out.hflush();
        assertTrue(peerVisibleLength(new Path("/s/through-viewfs/f")) >= b.length,
            "hflush through viewfs returned before the peer held the bytes");
      }
    }
  }

  /**
   * A file its client renames into a sync volume while writing it, then on into another: each hflush waits for the
   * peer where the file is now. Before, a stream opened outside every sync volume was never held, and one moved from
   * a sync volume into another was held against the first, which no longer had it.
   */
  @Test
  @Order(9)
  void aStreamItsClientMovesIntoASyncVolumeIsHeldWhereItIsNow() throws Exception {
    Path outside = new Path("/outside-writes/f");
    long degradedBefore = client.degradedWrites();
    try (FSDataOutputStream out = client.create(outside)) {
      out.write(bytes(3000));
      out.hflush();
      assertTrue(client.rename(outside, new Path("/s/came-in")));
      out.write(bytes(2000));
      out.hflush();
      assertTrue(peerVisibleLength(new Path("/s/came-in")) >= 5000,
          "hflush of a stream moved into /s returned before the peer held its bytes there");
      client.mkdirs(new Path("/f/into"));
      assertTrue(client.rename(new Path("/s/came-in"), new Path("/f/into")), "into the existing directory /f/into");
      out.write(bytes(1000));
      out.hflush();
      assertTrue(peerVisibleLength(new Path("/f/into/came-in")) >= 6000,
          "hflush of a stream moved on into /f returned before the peer held its bytes there");
    }
    assertTrue(fsB.exists(new Path("/f/into/came-in")));

    // Opened by inode id, then moved by name; and another file moved by inode id while a stream is open beside it.
    long sId = ((org.apache.hadoop.hdfs.protocol.HdfsFileStatus) client.getFileStatus(new Path("/s"))).getFileId();
    try (FSDataOutputStream byId = client.create(new Path("/.reserved/.inodes/" + sId + "/by-id-stream"));
        FSDataOutputStream beside = client.create(new Path("/s/beside"))) {
      byId.write(bytes(2000));
      byId.hflush();
      assertTrue(peerVisibleLength(new Path("/s/by-id-stream")) >= 2000);
      assertTrue(client.rename(new Path("/s/by-id-stream"), new Path("/f/by-id-moved")));
      byId.write(bytes(1000));
      byId.hflush();
      assertTrue(peerVisibleLength(new Path("/f/by-id-moved")) >= 3000,
          "hflush of a stream opened by id, then moved by name, returned before the peer held its bytes there");
      client.mkdirs(new Path("/s/lone"));
      long loneId = ((org.apache.hadoop.hdfs.protocol.HdfsFileStatus) client.getFileStatus(new Path("/s/lone")))
          .getFileId();
      assertTrue(client.rename(new Path("/.reserved/.inodes/" + loneId), new Path("/f/lone")));
      beside.write(bytes(1500));
      beside.hflush();
      assertTrue(peerVisibleLength(new Path("/s/beside")) >= 1500,
          "a rename by inode id of another path moved this stream's place: " + peerVisibleLength(new Path("/s/beside")));
    }
    assertEquals(degradedBefore, client.degradedWrites());
  }
}
