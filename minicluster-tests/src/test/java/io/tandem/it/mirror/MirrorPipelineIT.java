package io.tandem.it.mirror;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.it.harness.TandemSite;
import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.apply.VolumeGate;
import io.tandem.mirror.capture.EditLog;
import io.tandem.mirror.capture.EditLogSource;
import io.tandem.mirror.send.VolumeEndpoints;
import io.tandem.mirror.send.VolumeMirror;
import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncOutcome;
import io.tandem.mirror.verify.FileSystemSide;
import io.tandem.mirror.verify.TreeComparison;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DFSOutputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capture, ship and apply pipeline of one async volume on real HDFS and its edit log, with the network taken
 * out: requests go through the real codec straight into the receiver's applier. Source and target are two
 * directories of one MiniDFSCluster (the target is outside the volume, so its writes are not captured).
 */
class MirrorPipelineIT {
  private static TandemSite site;
  private static DistributedFileSystem fs;
  private static Configuration conf;
  private static int volumeCounter;

  private final Random random = new Random(42);
  private VolumeMirror mirror;
  private InProcessTransport transport;
  private MemoryCheckpoints checkpoints;
  private Path src;
  private Path dst;
  private String volume;

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-a", new File(io.tandem.it.TestDirsAccess.forClass(MirrorPipelineIT.class), "dfs"))
        .dataNodes(3).plugins(false, false).withZooKeeper(false)
        .configure(c -> {
          c.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
          c.set("dfs.namenode.audit.loggers", NameNodeCallHook.class.getName());
          // A checkpoint (saveNamespace) keeps one image and one extra edit segment: after two rolls it purges the
          // edits before them, an outage longer than edit retention on demand.
          c.setInt("dfs.namenode.num.checkpoints.retained", 1);
          c.setInt("dfs.namenode.max.extra.edits.segments.retained", 1);
        }).start();
    conf = site.conf();
    fs = (DistributedFileSystem) org.apache.hadoop.fs.FileSystem.newInstance(conf);
  }

  @AfterAll
  static void stopSite() throws Exception {
    fs.close();
    site.close();
  }

  private void startMirror() throws Exception {
    startMirror(new EditLogSource(fs, 50, 0));
  }

  private void startMirror(EditLog editLog) throws Exception {
    startMirror(editLog, 300);
  }

  private void startMirror(EditLog editLog, long flushMs) throws Exception {
    ChangeApplier applier = new ChangeApplier(fs,
        v -> v.equals(volume) ? Optional.of(new ReceivingVolume(volume, dst.toUri().getPath(), "site-a")) : Optional.empty(),
        VolumeGate.OPEN);
    transport = transport == null ? new InProcessTransport(applier, "site-a") : transport;
    VolumeEndpoints ends = new VolumeEndpoints(volume, src.toUri().getPath(), dst.toUri().getPath(), fs);
    mirror = new VolumeMirror(ends, transport, checkpoints, editLog, () -> 1,
        System::currentTimeMillis, flushMs);
    mirror.start();
  }

  private void newVolume() throws Exception {
    volume = "v" + (++volumeCounter);
    src = new Path("/src/" + volume);
    dst = new Path("/dst/" + volume);
    fs.mkdirs(src);
    checkpoints = new MemoryCheckpoints();
    transport = null;
  }

  @AfterEach
  void stopMirror() {
    if (mirror != null) {
      mirror.close();
    }
  }

  private void awaitIdentical() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> differences = List.of("not compared yet");
    while (System.nanoTime() < deadline) {
      if (mirror.stats().state().equals("UP_TO_DATE")) {
        try {
          differences = new TreeComparison(new FileSystemSide(fs, src.toUri().getPath(), true),
              new FileSystemSide(fs, dst.toUri().getPath(), true)).differences();
        } catch (java.io.IOException e) {
          differences = List.of("comparison failed: " + e); // e.g. a replica being removed after setReplication
        }
        if (differences.isEmpty()) {
          return;
        }
      }
      Thread.sleep(200); // polling interval of this deadline loop
    }
    throw new AssertionError("trees still differ after 60 s (mirror " + mirror.stats().state() + ", last error "
        + mirror.stats().lastError() + "): " + differences);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private void write(Path p, byte[] data) throws Exception {
    try (FSDataOutputStream o = fs.create(p, true)) {
      o.write(data);
    }
  }

  private void append(Path p, byte[] data) throws Exception {
    try (FSDataOutputStream o = fs.append(p)) {
      o.write(data);
    }
  }

  @Test
  void everyKindOfChangeArrivesAndTheTreesEndIdentical() throws Exception {
    newVolume();
    write(new Path(src, "before-start.txt"), bytes(1000)); // copied by the first full copy
    startMirror();
    awaitIdentical();

    fs.mkdirs(new Path(src, "a/b/c"));
    write(new Path(src, "a/small.txt"), "hello".getBytes(StandardCharsets.UTF_8));
    write(new Path(src, "a/b/big.bin"), bytes(9 * 1024 * 1024 + 123));
    append(new Path(src, "a/small.txt"), " world".getBytes(StandardCharsets.UTF_8));
    fs.rename(new Path(src, "a/small.txt"), new Path(src, "a/b/c/renamed.txt"));
    fs.mkdirs(new Path(src, "dir"));
    write(new Path(src, "dir/inside.txt"), bytes(5000));
    fs.rename(new Path(src, "dir"), new Path(src, "dir-moved"));
    write(new Path(src, "gone.txt"), bytes(10));
    fs.delete(new Path(src, "gone.txt"), false);
    write(new Path(src, "again.txt"), bytes(100));
    fs.delete(new Path(src, "again.txt"), false);
    write(new Path(src, "again.txt"), bytes(200));
    fs.setPermission(new Path(src, "a/b/big.bin"), new FsPermission((short) 0600));
    fs.setXAttr(new Path(src, "a/b/big.bin"), "user.colour", "blue".getBytes(StandardCharsets.UTF_8));
    fs.setAcl(new Path(src, "dir-moved"), List.of(AclEntry.parseAclEntry("user::rwx", true),
        AclEntry.parseAclEntry("user:bob:r-x", true), AclEntry.parseAclEntry("group::r-x", true),
        AclEntry.parseAclEntry("mask::r-x", true), AclEntry.parseAclEntry("other::---", true)));
    fs.setTimes(new Path(src, "again.txt"), 1_000_000L, -1);
    fs.setReplication(new Path(src, "again.txt"), (short) 2);
    write(new Path(src, "trunc.bin"), bytes(3000));
    assertTrue(fs.truncate(new Path(src, "trunc.bin"), 1024) || true);
    write(new Path(src, "part1"), bytes(2048));
    write(new Path(src, "part2"), bytes(4096));
    write(new Path(src, "whole"), bytes(512));
    awaitWhenClosed(new Path(src, "trunc.bin"));
    fs.concat(new Path(src, "whole"), new Path[] {new Path(src, "part1"), new Path(src, "part2")});
    fs.delete(new Path(src, "a/b/c"), true);

    awaitIdentical();
    assertEquals("blue", new String(fs.getXAttr(new Path(dst, "a/b/big.bin"), "user.colour"), StandardCharsets.UTF_8));
    assertEquals(fs.getAclStatus(new Path(src, "dir-moved")).getEntries(), fs.getAclStatus(new Path(dst, "dir-moved")).getEntries());
    assertEquals(1_000_000L, fs.getFileStatus(new Path(dst, "again.txt")).getModificationTime());
    assertEquals(2, fs.getFileStatus(new Path(dst, "again.txt")).getReplication());
    assertTrue(!fs.exists(new Path(dst, ".tandem/staging")) || fs.listStatus(new Path(dst, ".tandem/staging")).length == 0);
  }

  private static void awaitWhenClosed(Path p) {
    await().atMost(Duration.ofSeconds(30)).until(() -> fs.isFileClosed(p));
  }

  /**
   * The agent rolls the NameNode's edit log when a read of it is slow (here: any read over 1 ms) while a backlog is
   * read and files are written: the changes on both sides of the new segment's start all arrive, and the trees end
   * identical.
   */
  @Test
  void aRollOfTheEditLogMidStreamLosesNothing() throws Exception {
    newVolume();
    // A backlog of more events than the NameNode returns in one read (1,000): the mirror resumes from before it, so
    // its first read (slow: over 1 ms) stops short of the end, the agent rolls, and the next read runs from the old
    // segment into the new one, where the files written meanwhile are.
    long lastTxidBeforeBacklog = fs.getClient().getNamenode().getCurrentEditLogTxid();
    for (int i = 0; i < 600; i++) {
      fs.create(new Path(src, "backlog/f-" + i)).close(); // empty: two events each, no block to write
    }
    checkpoints.save(volume, lastTxidBeforeBacklog);
    EditLogSource editLog = new EditLogSource(fs, 50, 1);
    startMirror(editLog);
    for (int i = 0; i < 20; i++) {
      write(new Path(src, "meanwhile/g-" + i), bytes(200 + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> editLog.rolls() > 0);
    long newSegment = site.dfs().getNamesystem().getEditLog().getCurSegmentTxId();
    assertTrue(newSegment > lastTxidBeforeBacklog + 1000, "the roll came after the backlog was logged: segment "
        + newSegment + ", backlog from txid " + (lastTxidBeforeBacklog + 1));
    fs.rename(new Path(src, "backlog"), new Path(src, "after-roll"));
    awaitIdentical();
  }

  @Test
  void appendsShipOnlyTheirNewBytes() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    Path big = new Path(src, "grows.bin");
    write(big, bytes(4 * 1024 * 1024));
    awaitIdentical();
    long before = transport.payloadBytes.get();
    long fullCopiesBefore = mirror.stats().fullCopies();
    for (int i = 0; i < 5; i++) {
      append(big, bytes(64 * 1024));
    }
    awaitIdentical();
    long shipped = transport.payloadBytes.get() - before;
    assertTrue(shipped < 5 * 64 * 1024 + 64 * 1024, "appends shipped " + shipped + " bytes for 320 KiB of new data");
    assertEquals(fullCopiesBefore, mirror.stats().fullCopies(), "appends must not copy the file again");
  }

  @Test
  void linkDownQueuesInTheEditLogAndReplaysInOrder() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    transport.up.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> mirror.stats().state().equals("WAITING_FOR_LINK"));
    long callsWhileDown = transport.calls.get();
    for (int i = 0; i < 20; i++) {
      write(new Path(src, "down-" + i), bytes(1000 + i));
    }
    fs.rename(new Path(src, "down-0"), new Path(src, "down-renamed"));
    append(new Path(src, "down-1"), bytes(77));
    await().atMost(Duration.ofSeconds(20)).until(() -> mirror.stats().backlogEvents() >= 21);
    assertEquals(callsWhileDown, transport.calls.get(), "nothing is sent while the link is down");
    assertTrue(mirror.stats().lagMs(System.currentTimeMillis()) > 0);
    transport.up.set(true);
    awaitIdentical();
    assertEquals(0, mirror.stats().lagMs(System.currentTimeMillis()));
  }

  /**
   * Log rotations the sender reads late (the link was down): when it ships the close of app.log, app.log is already
   * another file. Each rotated file must reach its own name, not the newest file under every name; a file whose
   * times were set after its close, and one overwritten with as many bytes, arrive as they are too.
   */
  @Test
  void rotationsShippedLateCarryEachFileToItsOwnName() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    transport.up.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> mirror.stats().state().equals("WAITING_FOR_LINK"));
    Path log = new Path(src, "app.log");
    for (int i = 1; i <= 3; i++) {
      write(log, bytes(1000 * i));
      fs.rename(log, new Path(src, "app.log." + i));
    }
    write(log, bytes(500));
    Path timed = new Path(src, "timed");
    write(timed, bytes(300));
    fs.setTimes(timed, 1_000_000L, -1);
    Path overwritten = new Path(src, "overwritten");
    write(overwritten, bytes(700));
    write(overwritten, bytes(700));
    transport.up.set(true);
    awaitIdentical();
  }

  /**
   * An append's close is shipped with the bytes of the file it closed even when, between the sender's look at the
   * file's status and its reads, the file is renamed away and another takes its name (a log rotation): the NameNode
   * does the rotation right after answering the look. Before the fix the sender appended the newcomer's bytes to
   * the peer's copy, and the rename that followed carried them to app.log.1.
   */
  @Test
  void aRotationBetweenTheLookAtAClosedFileAndItsReadsStillShipsTheClosedFilesBytes() throws Exception {
    rotateBetweenTheLookAndTheReads(true);
  }

  /**
   * As above with no newcomer: the closed file is only renamed away. Before the fix its read found nothing there,
   * the close counted as shipped, and the rename carried the peer's partial copy (the bytes before the append) to
   * app.log.1 for good.
   */
  @Test
  void aRenameBetweenTheLookAtAClosedFileAndItsReadsStillShipsTheClosedFilesBytes() throws Exception {
    rotateBetweenTheLookAndTheReads(false);
  }

  private void rotateBetweenTheLookAndTheReads(boolean newcomer) throws Exception {
    newVolume();
    // No flush of the open file is shipped on a timer, so the close's ship is the first look at app.log.
    startMirror(new EditLogSource(fs, 50, 0), 600_000);
    Path log = new Path(src, "app.log");
    write(log, bytes(1 << 20));
    awaitIdentical(); // the peer's copy is one this session shipped: its length is trusted, no checksum is taken
    byte[] next = bytes(7 << 20);
    NameNodeCallHook.arm("getfileinfo", log.toUri().getPath(), () -> {
      fs.rename(log, new Path(src, "app.log.1"));
      if (newcomer) {
        write(log, next);
      }
    });
    try {
      append(log, bytes(5 << 20)); // more than one chunk
      await().atMost(Duration.ofSeconds(60)).until(() -> NameNodeCallHook.outcome() != null);
      assertEquals("ran", NameNodeCallHook.outcome());
      awaitIdentical();
    } finally {
      NameNodeCallHook.disarm();
    }
  }

  /**
   * The mirror is down for longer than the NameNode keeps edits: when it comes back, the edits after its checkpoint
   * are gone. It copies the volume again by difference (new files, changed ones, deleted ones, renamed ones), says
   * so in its status, and goes on mirroring from there.
   */
  @Test
  void anOutageLongerThanEditRetentionEndsInAResyncByDifference() throws Exception {
    newVolume();
    startMirror();
    for (int i = 0; i < 5; i++) {
      write(new Path(src, "d/kept-" + i), bytes(2000));
    }
    write(new Path(src, "d/deleted"), bytes(1000));
    write(new Path(src, "d/appended"), bytes(1000));
    write(new Path(src, "d/renamed"), bytes(1000));
    fs.setXAttr(new Path(src, "d/kept-1"), "user.gone", "x".getBytes(StandardCharsets.UTF_8));
    awaitIdentical();
    mirror.close();
    long checkpoint = checkpoints.saved.get(volume);
    // Changes of attributes alone, in the edits the outage loses: the resync finds no content to copy for them.
    fs.setPermission(new Path(src, "d/kept-0"), new FsPermission((short) 0600));
    fs.setOwner(new Path(src, "d/kept-1"), "alice", "staff");
    fs.removeXAttr(new Path(src, "d/kept-1"), "user.gone");
    fs.setXAttr(new Path(src, "d/kept-2"), "user.tag", "late".getBytes(StandardCharsets.UTF_8));
    fs.modifyAclEntries(new Path(src, "d/kept-3"), AclEntry.parseAclSpec("user:bob:r--", true));
    fs.setTimes(new Path(src, "d/kept-4"), 1_000_000_000_000L, -1);
    fs.setPermission(new Path(src, "d"), new FsPermission((short) 0750));
    fs.delete(new Path(src, "d/deleted"), false);
    append(new Path(src, "d/appended"), bytes(3000));
    fs.rename(new Path(src, "d/renamed"), new Path(src, "e/renamed"));
    write(new Path(src, "e/new"), bytes(5000));
    fs.rollEdits();
    fs.rollEdits();
    fs.setSafeMode(SafeModeAction.ENTER);
    try {
      fs.saveNamespace();
    } finally {
      fs.setSafeMode(SafeModeAction.LEAVE);
    }
    write(new Path(src, "after-the-purge"), bytes(100));
    assertThrows(MissingEventsException.class, () -> fs.getInotifyEventStream(checkpoint).poll(),
        "the edits after the mirror's checkpoint are still there: the test would prove nothing");
    startMirror();
    awaitIdentical();
    assertEquals(1, mirror.stats().resyncs(), "resyncs");
    assertTrue(mirror.stats().ackedTxid() > checkpoint);
    assertEquals((short) 0600, fs.getFileStatus(new Path(dst, "d/kept-0")).getPermission().toShort());
    FileStatus owned = fs.getFileStatus(new Path(dst, "d/kept-1"));
    assertEquals("alice:staff", owned.getOwner() + ":" + owned.getGroup());
    assertFalse(fs.getXAttrs(new Path(dst, "d/kept-1")).containsKey("user.gone"), "the removed xattr is gone");
    assertArrayEquals("late".getBytes(StandardCharsets.UTF_8), fs.getXAttr(new Path(dst, "d/kept-2"), "user.tag"));
    assertEquals(fs.getAclStatus(new Path(src, "d/kept-3")).getEntries(),
        fs.getAclStatus(new Path(dst, "d/kept-3")).getEntries());
    assertEquals(1_000_000_000_000L, fs.getFileStatus(new Path(dst, "d/kept-4")).getModificationTime());
    assertEquals((short) 0750, fs.getFileStatus(new Path(dst, "d")).getPermission().toShort());
    write(new Path(src, "e/later"), bytes(700)); // and it mirrors on from the edits after the resync
    awaitIdentical();
  }

  /** The first copy of a volume carries the extended attributes its files already had. */
  @Test
  void theFirstCopyCarriesExtendedAttributes() throws Exception {
    newVolume();
    Path file = new Path(src, "tagged");
    write(file, bytes(3000));
    fs.setXAttr(file, "user.origin", "before-the-mirror".getBytes(StandardCharsets.UTF_8));
    startMirror();
    awaitIdentical();
    assertArrayEquals("before-the-mirror".getBytes(StandardCharsets.UTF_8), fs.getXAttr(new Path(dst, "tagged"), "user.origin"));
  }

  /**
   * A new file tagged before its first ship keeps its tag when that ship fails and is made again. Before, the
   * first attempt used the note that the file had extended attributes to carry, and the second carried none.
   */
  @Test
  void aNewFilesExtendedAttributesSurviveAFailedFirstShip() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    transport.failNextWriteOf.add("tagged");
    Path file = new Path(src, "tagged");
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(bytes(3000));
      fs.setXAttr(file, "user.origin", "site-a".getBytes(StandardCharsets.UTF_8));
    }
    awaitIdentical();
    assertTrue(transport.failNextWriteOf.isEmpty(), "the write was never failed: the test proves nothing");
    assertArrayEquals("site-a".getBytes(StandardCharsets.UTF_8), fs.getXAttr(new Path(dst, "tagged"), "user.origin"));
  }

  /**
   * A new file tagged while open, whose tag the mirror's checkpoint passed before a restart: the restarted mirror
   * never sees the tag's edit, and must still carry the tag when the file ships. Before, it shipped without it.
   */
  @Test
  void aNewFilesExtendedAttributesSurviveARestartBeforeItsFirstShip() throws Exception {
    newVolume();
    startMirror(new EditLogSource(fs, 50, 0), 600_000); // the open file's bytes are not shipped before it closes
    awaitIdentical();
    Path file = new Path(src, "tagged");
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(bytes(3000));
      out.hflush();
      fs.setXAttr(file, "user.origin", "site-a".getBytes(StandardCharsets.UTF_8));
      long tagged = site.dfs().getNameNode().getFSImage().getLastAppliedOrWrittenTxId();
      await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.saved.getOrDefault(volume, 0L) >= tagged);
      mirror.close();
      startMirror(new EditLogSource(fs, 50, 0), 600_000);
    }
    awaitIdentical();
    assertArrayEquals("site-a".getBytes(StandardCharsets.UTF_8), fs.getXAttr(new Path(dst, "tagged"), "user.origin"));
  }

  @Test
  void aRestartedMirrorResumesFromItsCheckpointWithoutDuplicatingAppends() throws Exception {
    newVolume();
    startMirror();
    Path log = new Path(src, "log.txt");
    write(log, "start\n".getBytes(StandardCharsets.UTF_8));
    awaitIdentical();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        append(log, ("line " + round + "." + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
      mirror.close(); // killed mid-stream: the checkpoint may lag behind what the peer already has
      checkpoints.saved.computeIfPresent(volume, (k, v) -> Math.max(0, v - 15)); // force a replay of applied edits
      startMirror();
    }
    awaitIdentical();
    assertEquals(fs.getFileStatus(log).getLen(), fs.getFileStatus(new Path(dst, "log.txt")).getLen());
  }

  /**
   * A restarted mirror replays from a checkpoint older than what the peer applied. A rename it replays after the
   * peer also applied what followed (a new file where the renamed one was, a swap completed) must not carry the
   * newcomer over the renamed file: the rotated logs and the swapped files keep their own contents.
   */
  @Test
  void aReplayedRenameDoesNotCarryTheFileThatTookItsSourcesPlace() throws Exception {
    newVolume();
    startMirror();
    Path log = new Path(src, "app.log");
    Path x = new Path(src, "x");
    Path y = new Path(src, "y");
    write(log, bytes(100));
    write(x, bytes(10));
    write(y, bytes(20));
    awaitIdentical();
    for (int round = 1; round <= 3; round++) {
      fs.rename(log, new Path(src, "app.log." + round));
      write(log, bytes(100 + round));
      fs.rename(x, new Path(src, "swap"));
      fs.rename(y, x);
      fs.rename(new Path(src, "swap"), y);
      awaitIdentical(); // the peer has applied all of it
      mirror.close();
      checkpoints.saved.computeIfPresent(volume, (k, v) -> Math.max(0, v - 25)); // as if saved before all of it
      startMirror();
      awaitIdentical();
    }
  }

  /**
   * A file rewritten in place with as many bytes, whose create a session shipped and checkpointed before the session
   * ended: the next one sees only the close, of a file the peer has at that length. It must compare the bytes, not
   * take the equal length for equal content.
   */
  @Test
  void aFileRewrittenWithAsManyBytesAcrossARestartArrivesWithItsNewBytes() throws Exception {
    newVolume();
    startMirror(new EditLogSource(fs, 50, 0), 600_000); // no flush of the open file: only its close ships it
    Path f = new Path(src, "same-length");
    write(f, bytes(4000));
    awaitIdentical();
    try (FSDataOutputStream o = fs.create(f, true)) {
      o.write(bytes(4000));
      long created = fs.getClient().getNamenode().getCurrentEditLogTxid();
      await().atMost(Duration.ofSeconds(20)).until(() -> checkpoints.saved.getOrDefault(volume, 0L) >= created);
      mirror.close();
      startMirror(new EditLogSource(fs, 50, 0), 600_000);
    }
    awaitIdentical();
  }

  @Test
  void flushedBytesOfAnOpenFileArriveBeforeItCloses() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    Path open = new Path(src, "open.log");
    try (FSDataOutputStream o = fs.create(open)) {
      o.write(bytes(3000));
      o.hflush();
      await().atMost(Duration.ofSeconds(20)).until(() -> fs.exists(new Path(dst, "open.log"))
          && fs.getFileStatus(new Path(dst, "open.log")).getLen() == 3000);
      o.write(bytes(1000));
      ((HdfsDataOutputStream) o).hsync();
      await().atMost(Duration.ofSeconds(20)).until(() -> fs.getFileStatus(new Path(dst, "open.log")).getLen() == 4000);
    }
    awaitIdentical();
  }

  /**
   * A file kept open across a restart of the mirror: the new session did not write the peer's copy, and no checksum
   * can be taken of a file being written, yet its flushed bytes must keep arriving every flush interval, not only
   * when it closes.
   */
  @Test
  void flushedBytesOfAFileOpenAcrossARestartKeepArriving() throws Exception {
    newVolume();
    startMirror();
    awaitIdentical();
    Path open = new Path(src, "long-lived.log");
    Path copy = new Path(dst, "long-lived.log");
    try (FSDataOutputStream o = fs.create(open)) {
      o.write(bytes(3000));
      o.hflush();
      await().atMost(Duration.ofSeconds(20)).until(() -> fs.exists(copy) && fs.getFileStatus(copy).getLen() == 3000);
      mirror.close();
      startMirror();
      o.write(bytes(1000));
      o.hflush();
      await().atMost(Duration.ofSeconds(20)).until(() -> fs.getFileStatus(copy).getLen() == 4000);
    }
    awaitIdentical();
  }

  /**
   * Attributes a new file has from its creation, not from a change of its own: a replication given to create, the
   * ACL it inherits from its directory's default ACL (the peer writes it in staging, where nothing is inherited),
   * and an extended attribute set while it was still being written, before the peer had a file to set it on.
   */
  @Test
  void aNewFileArrivesWithTheAttributesItWasCreatedWith() throws Exception {
    newVolume();
    startMirror();
    Path shared = new Path(src, "shared");
    fs.mkdirs(shared);
    fs.setAcl(shared, List.of(AclEntry.parseAclEntry("user::rwx", true), AclEntry.parseAclEntry("group::r-x", true),
        AclEntry.parseAclEntry("other::---", true), AclEntry.parseAclEntry("default:user::rwx", true),
        AclEntry.parseAclEntry("default:user:bob:rw-", true), AclEntry.parseAclEntry("default:group::r-x", true),
        AclEntry.parseAclEntry("default:mask::rwx", true), AclEntry.parseAclEntry("default:other::---", true)));
    awaitIdentical();
    Path inherits = new Path(shared, "inherits.txt");
    write(inherits, bytes(100));
    Path twoCopies = new Path(src, "two-copies.bin");
    try (FSDataOutputStream o = fs.create(twoCopies, true, 4096, (short) 2, fs.getDefaultBlockSize(twoCopies))) {
      o.write(bytes(2000));
    }
    Path tagged = new Path(src, "tagged.txt");
    try (FSDataOutputStream o = fs.create(tagged, true)) {
      o.write(bytes(300));
      fs.setXAttr(tagged, "user.origin", "sensor-7".getBytes(StandardCharsets.UTF_8));
    }
    awaitIdentical();
    assertEquals(fs.getAclStatus(inherits).getEntries(), fs.getAclStatus(new Path(dst, "shared/inherits.txt")).getEntries());
    assertTrue(!fs.getAclStatus(inherits).getEntries().isEmpty(), "the source file did inherit an ACL");
    assertEquals(2, fs.getFileStatus(new Path(dst, "two-copies.bin")).getReplication());
    assertEquals("sensor-7", new String(fs.getXAttr(new Path(dst, "tagged.txt"), "user.origin"),
        StandardCharsets.UTF_8));
  }

  @Test
  void firstCopyDeletesWhatThePeerHasExtraAndFixesWhatDiffers() throws Exception {
    newVolume();
    write(new Path(src, "same.txt"), "same".getBytes(StandardCharsets.UTF_8));
    write(new Path(src, "differs.txt"), "source version".getBytes(StandardCharsets.UTF_8));
    fs.mkdirs(dst);
    write(new Path(dst, "same.txt"), "same".getBytes(StandardCharsets.UTF_8));
    write(new Path(dst, "differs.txt"), "target version".getBytes(StandardCharsets.UTF_8));
    write(new Path(dst, "extra/file.txt"), "only on the target".getBytes(StandardCharsets.UTF_8));
    startMirror();
    awaitIdentical();
    assertTrue(!fs.exists(new Path(dst, "extra")));
  }

  /**
   * The mirror's edit log, which makes one change right after the first poll that began once a sync barrier was
   * pinned (the mirror reads the NameNode's txid for the barriers that arrived, then polls, then answers them): so
   * the change lands after the barrier's txid, unread when the barrier is answered.
   */
  private static final class ChangeAfterPinnedPoll implements EditLog {
    private final EditLog inner;
    volatile Runnable change;
    private volatile boolean pinned;

    ChangeAfterPinnedPoll(EditLog inner) {
      this.inner = inner;
    }

    @Override
    public long currentTxid() throws IOException {
      long txid = inner.currentTxid();
      pinned = change != null;
      return txid;
    }

    @Override
    public Cursor open(long lastReadTxid) throws IOException {
      Cursor c = inner.open(lastReadTxid);
      return new Cursor() {
        @Override
        public EventBatch poll(long timeout, TimeUnit unit) throws IOException, InterruptedException,
            MissingEventsException {
          EventBatch b = c.poll(timeout, unit);
          Runnable r = change;
          if (pinned && r != null) {
            change = null;
            pinned = false;
            r.run();
          }
          return b;
        }

        @Override
        public long behind() {
          return c.behind();
        }

        @Override
        public long readThrough() {
          return c.readThrough();
        }

        @Override
        public void wake() {
          c.wake();
        }
      };
    }
  }

  private long visibleLength(Path p) throws IOException {
    try (FSDataInputStream in = fs.open(p)) {
      return ((HdfsDataInputStream) in).getVisibleLength();
    }
  }

  /**
   * An hflush racing another client's rename of the file: the barrier finds the file by id under its new name before
   * the mirror read the rename. Before, it shipped the bytes there at once and was acknowledged; the rename, once it
   * shipped, moved the peer's older copy over them, and the peer held fewer bytes than it had acknowledged.
   */
  @Test
  void anHflushRacingARenameOfItsFileKeepsItsBytesOnThePeerOnceTheRenameShips() throws Exception {
    newVolume();
    ChangeAfterPinnedPoll editLog = new ChangeAfterPinnedPoll(new EditLogSource(fs, 50, 0));
    startMirror(editLog, 60_000); // flushed bytes ship on barriers only: nothing else ships them again
    awaitIdentical();
    Path a = new Path(src, "a");
    try (FSDataOutputStream out = fs.create(a)) {
      long fileId = ((DFSOutputStream) out.getWrappedStream()).getFileId();
      out.write(bytes(1000));
      out.hflush();
      SyncOutcome first = mirror.barrier(new SyncBarrier(volume, "a", 1000, 20_000, fileId)).get(30, TimeUnit.SECONDS);
      assertTrue(first.acknowledged(), first.toString());
      assertEquals(1000, visibleLength(new Path(dst, "a")));
      out.write(bytes(2000));
      out.hflush();
      await().atMost(Duration.ofSeconds(20)).until(() -> mirror.stats().state().equals("UP_TO_DATE"));
      editLog.change = () -> {
        try {
          fs.rename(a, new Path(src, "b"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
      SyncOutcome second = mirror.barrier(new SyncBarrier(volume, "a", 3000, 20_000, fileId)).get(30, TimeUnit.SECONDS);
      assertTrue(second.acknowledged(), second.toString());
      assertTrue(editLog.change == null && fs.exists(new Path(src, "b")), "the rename was not made: proves nothing");
      await().atMost(Duration.ofSeconds(20)).until(() -> !fs.exists(new Path(dst, "a"))); // the rename shipped
      assertTrue(visibleLength(new Path(dst, "b")) >= 3000,
          "the peer held fewer bytes than acknowledged once the rename shipped: " + visibleLength(new Path(dst, "b")));
    }
  }
}
