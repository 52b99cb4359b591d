package io.tandem.it.mirror;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.it.harness.TandemSite;
import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.apply.ShipClaims;
import io.tandem.mirror.apply.VolumeGate;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.server.datanode.DataNodeFaultInjector;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sender that heard nothing within its request timeout sends the request again, while the receiver may still be
 * applying the first copy (a DataNode pipeline that stalls). The two copies must not both write: the second waits
 * for the first, and answers FAILED (retry later) if the first is still running when its wait ends.
 */
class ApplyRetryIT {
  private static final String VOLUME = "v";
  private static final String ROOT = "/dst/v";
  private static TandemSite site;
  private static DistributedFileSystem fs;

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-b", new File(io.tandem.it.TestDirsAccess.forClass(ApplyRetryIT.class), "dfs"))
        .dataNodes(1).plugins(false, false).withZooKeeper(false)
        .configure(c -> c.set("dfs.namenode.audit.loggers", NameNodeCallHook.class.getName())).start();
    fs = (DistributedFileSystem) org.apache.hadoop.fs.FileSystem.newInstance(site.conf());
  }

  @AfterAll
  static void stopSite() throws Exception {
    fs.close();
    site.close();
  }

  private static ChangeApplier applier(DistributedFileSystem onto, long samePathWaitMs) {
    return new ChangeApplier(onto,
        v -> v.equals(VOLUME) ? Optional.of(new ReceivingVolume(VOLUME, ROOT, "site-a")) : Optional.empty(),
        VolumeGate.OPEN, ShipClaims.NONE, samePathWaitMs);
  }

  /** The two answers when a request is sent again while its first copy is stalled by {@code stall}. */
  private static MirrorResponse[] overlap(ChangeApplier applier, MirrorRequest request, Stall stall) throws Exception {
    return overlap(applier, request, request, stall);
  }

  /** The answers to {@code request}, stalled by {@code stall}, and to {@code during}, sent meanwhile. */
  private static MirrorResponse[] overlap(ChangeApplier applier, MirrorRequest request, MirrorRequest during,
      Stall stall) throws Exception {
    DataNodeFaultInjector previous = DataNodeFaultInjector.get();
    DataNodeFaultInjector.set(stall);
    CompletableFuture<MirrorResponse> original;
    MirrorResponse retry;
    try {
      original = CompletableFuture.supplyAsync(() -> applier.apply("site-a", 1, request));
      assertTrue(stall.entered.await(30, TimeUnit.SECONDS), "the original request never stalled");
      CompletableFuture<MirrorResponse> again = CompletableFuture.supplyAsync(() -> applier.apply("site-a", 1, during));
      try {
        // The copy answers within its wait for the path; one that got past it is blocked behind the original.
        again.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException blockedInsideTheWrite) {
        // released below; what it does then is what the test checks
      } finally {
        stall.release.countDown();
      }
      retry = again.get(60, TimeUnit.SECONDS);
    } finally {
      DataNodeFaultInjector.set(previous);
    }
    return new MirrorResponse[] {original.get(60, TimeUnit.SECONDS), retry};
  }

  @Test
  void aRetriedAppendThatOverlapsItsStalledOriginalDoesNotWriteItsBytesTwice() throws Exception {
    byte[] head = filled(1000, (byte) 'h');
    byte[] tail = filled(1000, (byte) 't');
    Path file = new Path(ROOT + "/stalled-append");
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(head);
    }
    MirrorRequest append = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 7, 0).path("stalled-append")
        .write(1000, 2000, true, true, tail).build();
    ChangeApplier applier = applier(fs, 300);
    MirrorResponse[] answers = overlap(applier, append, new StallLastAck());
    MirrorResponse first = answers[0];
    MirrorResponse retry = answers[1];
    assertEquals(Status.FAILED, retry.status, "the retry ran alongside its original: " + retry);
    assertEquals(Status.APPLIED, first.status, first.toString());
    MirrorResponse later = applier.apply("site-a", 1, append);
    assertEquals(Status.ALREADY_APPLIED, later.status, later.toString());
    byte[] expected = new byte[2000];
    System.arraycopy(head, 0, expected, 0, 1000);
    System.arraycopy(tail, 0, expected, 1000, 1000);
    assertArrayEquals(expected, read(file));
  }

  @Test
  void aRetriedChunkThatOverlapsItsStalledOriginalDoesNotWriteItsBytesTwice() throws Exception {
    byte[] head = filled(1000, (byte) 'h');
    byte[] middle = filled(1 << 20, (byte) 'm');
    byte[] end = filled(1000, (byte) 'e');
    long total = head.length + middle.length + end.length;
    Path file = new Path(ROOT + "/stalled-chunk");
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(head);
    }
    // A client with room for two packets in flight: with the DataNode's acks held, writing the chunk blocks
    // part-way, before the stream's position has moved.
    Configuration narrow = new Configuration(site.conf());
    narrow.setInt("dfs.client.write.max-packets-in-flight", 2);
    try (DistributedFileSystem receiver = (DistributedFileSystem) org.apache.hadoop.fs.FileSystem.newInstance(narrow)) {
      ChangeApplier applier = applier(receiver, 300);
      MirrorRequest chunk = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 8, 0).path("stalled-chunk")
          .write(head.length, total, true, false, middle).build();
      MirrorResponse[] answers = overlap(applier, chunk, new StallAcks());
      MirrorRequest last = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 8, 1).path("stalled-chunk")
          .write(head.length + middle.length, total, true, true, end).build();
      MirrorResponse closed = applier.apply("site-a", 1, last);
      assertEquals(total, fs.getFileStatus(file).getLen(), "answers " + answers[0] + ", " + answers[1] + ", " + closed);
      assertEquals(Status.FAILED, answers[1].status, "the retry ran alongside its original: " + answers[1]);
      assertEquals(Status.APPLIED, answers[0].status, answers[0].toString());
      assertEquals(Status.APPLIED, closed.status, closed.toString());
    }
    byte[] expected = new byte[(int) total];
    System.arraycopy(head, 0, expected, 0, head.length);
    System.arraycopy(middle, 0, expected, head.length, middle.length);
    System.arraycopy(end, 0, expected, head.length + middle.length, end.length);
    assertArrayEquals(expected, read(file));
  }

  /**
   * A new file's write that an ended session left running on the receiver, and the next session's delete of its
   * directory: the delete waits for the write. Before, it ran at once, and the write then made the directory again
   * to put the file in place, so the peer kept a file the source had deleted.
   */
  @Test
  void aDeleteOfADirectoryWaitsForAWriteStillRunningBelowIt() throws Exception {
    fs.mkdirs(new Path(ROOT + "/d"));
    MirrorRequest write = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 9, 0).path("d/f")
        .write(0, 1000, false, true, filled(1000, (byte) 'f')).build();
    MirrorRequest delete = MirrorRequest.builder(MirrorOp.DELETE, VOLUME, ROOT, 10, 0).path("d").build();
    ChangeApplier applier = applier(fs, 300);
    MirrorResponse[] answers = overlap(applier, write, delete, new StallLastAck());
    assertFalse(answers[1].status == Status.APPLIED && fs.exists(new Path(ROOT + "/d/f")),
        "the delete was answered APPLIED, and the write below it then put d/f back");
    assertEquals(Status.APPLIED, answers[0].status, answers[0].toString());
    assertEquals(Status.FAILED, answers[1].status, "the delete ran alongside the write below it: " + answers[1]);
    MirrorResponse deleted = applier.apply("site-a", 1, delete); // the sender's retry
    assertEquals(Status.APPLIED, deleted.status, deleted.toString());
    assertFalse(fs.exists(new Path(ROOT + "/d")), "the deleted directory is back");
  }

  /**
   * The last chunk of a file larger than one chunk is renamed into place and then fails before its attributes are
   * set (here the NameNode enters safe mode right after the rename). The sender sends it again: the receiver finds
   * the file committed and must still give it its attributes. Before, it answered ALREADY_APPLIED and the owner,
   * group and extended attributes were never set.
   */
  @Test
  void aLastChunkSentAgainAfterItsFileWasCommittedStillSetsItsAttributes() throws Exception {
    MirrorRequest.FileAttributes attributes = new MirrorRequest.FileAttributes((short) 0640, "alice", "staff", null,
        null, null, null, Map.of("user.origin", Base64.getEncoder().encodeToString("site-a".getBytes(UTF_8))), null);
    MirrorRequest first = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 11, 0).path("attributed")
        .write(0, 2000, false, false, filled(1000, (byte) '1')).build();
    MirrorRequest last = MirrorRequest.builder(MirrorOp.WRITE, VOLUME, ROOT, 11, 0).path("attributed")
        .write(1000, 2000, false, true, filled(1000, (byte) '2')).attributes(attributes).build();
    ChangeApplier applier = applier(fs, 300);
    assertEquals(Status.APPLIED, applier.apply("site-a", 1, first).status);
    Path file = new Path(ROOT + "/attributed");
    NameNodeCallHook.arm("rename", file.toUri().getPath(), () -> fs.setSafeMode(SafeModeAction.ENTER));
    MirrorResponse failed;
    try {
      failed = applier.apply("site-a", 1, last);
    } finally {
      NameNodeCallHook.disarm();
      fs.setSafeMode(SafeModeAction.LEAVE);
    }
    assertEquals("ran", NameNodeCallHook.outcome());
    assertEquals(Status.FAILED, failed.status, failed.toString());
    MirrorResponse again = applier.apply("site-a", 1, last);
    assertTrue(again.stored(), again.toString());
    FileStatus st = fs.getFileStatus(file);
    assertEquals(2000, st.getLen());
    assertEquals("alice", st.getOwner());
    assertEquals("staff", st.getGroup());
    assertEquals((short) 0640, st.getPermission().toShort());
    assertArrayEquals("site-a".getBytes(UTF_8), fs.getXAttr(file, "user.origin"));
  }

  private static byte[] filled(int n, byte b) {
    byte[] a = new byte[n];
    Arrays.fill(a, b);
    return a;
  }

  private static byte[] read(Path p) throws IOException {
    byte[] all = new byte[(int) fs.getFileStatus(p).getLen()];
    try (FSDataInputStream in = fs.open(p)) {
      IOUtils.readFully(in, all, 0, all.length);
    }
    return all;
  }

  /** A DataNode hook that holds the first time it is reached until released, and lets everything through after. */
  private abstract static class Stall extends DataNodeFaultInjector {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);

    void holdOnce() throws IOException {
      if (!armed.getAndSet(false)) {
        return;
      }
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("stalled DataNode hook interrupted", e);
      }
    }
  }

  /** Holds the ack of a block's last packet, the one a close waits for. */
  private static final class StallLastAck extends Stall {
    @Override
    public void delayAckLastPacket() throws IOException {
      holdOnce();
    }
  }

  /** Holds the first ack of a write, and with it every later one. */
  private static final class StallAcks extends Stall {
    @Override
    public void delaySendingAckToUpstream(String upstreamAddr) throws IOException {
      holdOnce();
    }
  }
}
