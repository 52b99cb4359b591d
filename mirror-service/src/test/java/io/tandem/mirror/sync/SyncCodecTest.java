package io.tandem.mirror.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.protocol.MirrorProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyncCodecTest {
  private final SyncCodec codec = new SyncCodec();

  @Test
  void barriersAndOutcomesRoundTrip() {
    SyncBarrier b = codec.decodeBarrier(codec.encode(new SyncBarrier("logs", "a/b.log", 4096, 30_000)));
    assertEquals("logs", b.volume());
    assertEquals("a/b.log", b.path());
    assertEquals(4096, b.minLength());
    assertEquals(30_000, b.timeoutMs());
    assertTrue(b.hasFile());
    assertEquals(SyncBarrier.NO_FILE_ID, b.fileId());
    assertEquals(16_400, codec.decodeBarrier(codec.encode(new SyncBarrier("logs", "a", 1, 1, 16_400))).fileId());
    SyncBarrier ns = codec.decodeBarrier(codec.encode(new SyncBarrier("logs", "", SyncBarrier.NO_LENGTH, 1)));
    assertTrue(!ns.hasFile());
    for (SyncOutcome.Status s : SyncOutcome.Status.values()) {
      SyncOutcome o = codec.decodeOutcome(codec.encode(new SyncOutcome(s, "why " + s)));
      assertEquals(s, o.status());
      assertEquals("why " + s, o.detail());
    }
  }

  /** A barrier as a client of version 1 (no file id) sends it is still read, its file id unknown. */
  @Test
  void aBarrierOfTheFirstVersionIsReadWithoutAFileId() throws Exception {
    SyncBarrier b = codec.decodeBarrier(barrier(1, "v", "f", 5, 10, false));
    assertEquals("f", b.path());
    assertEquals(SyncBarrier.NO_FILE_ID, b.fileId());
  }

  private static byte[] barrier(int version, String volume, String path, long length, long timeout, boolean extra)
      throws IOException {
    return barrier(version, volume, path, length, timeout, 77L, extra);
  }

  private static byte[] barrier(int version, String volume, String path, long length, long timeout, long fileId,
      boolean extra) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      out.writeUTF(volume);
      out.writeUTF(path);
      out.writeLong(length);
      out.writeLong(timeout);
      if (version >= 2) {
        out.writeLong(fileId);
      }
      if (extra) {
        out.writeByte(0);
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void hostileBarriersAreRefusedNamingTheField() throws Exception {
    assertRefused(barrier(3, "v", "", -1, 10, false), "version 3");
    assertRefused(barrier(2, "v", "", -1, 10, -5, false), "file id -5 is negative");
    assertRefused(barrier(2, "v", "", -1, 10, true), "bytes after the last field");
    assertRefused(barrier(1, "", "", -1, 10, false), "volume name is empty");
    assertRefused(barrier(1, "v", "", -2, 10, false), "negative");
    assertRefused(barrier(1, "v", "", -1, 0, false), "timeout 0");
    assertRefused(barrier(1, "v", "", -1, Long.MAX_VALUE, false), "timeout");
    assertRefused(barrier(1, "v", "", -1, 10, true), "bytes after the last field");
    char[] longPath = new char[SyncCodec.MAX_PATH_CHARS + 1];
    Arrays.fill(longPath, 'p');
    assertRefused(barrier(1, "v", new String(longPath), -1, 10, false), "path is");
    byte[] good = barrier(1, "v", "p", 5, 10, false);
    for (int cut = 0; cut < good.length; cut++) {
      assertRefused(Arrays.copyOf(good, cut), "");
    }
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButAProtocolError() {
    Random r = new Random(3);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[r.nextInt(64)];
      r.nextBytes(junk);
      try {
        codec.decodeBarrier(junk);
      } catch (MirrorProtocolException expected) {
        // refused: fine
      }
      try {
        codec.decodeOutcome(junk);
      } catch (MirrorProtocolException expected) {
        // refused: fine
      }
    }
  }

  private void assertRefused(byte[] payload, String mentions) {
    MirrorProtocolException e = assertThrows(MirrorProtocolException.class, () -> codec.decodeBarrier(payload));
    assertTrue(e.getMessage().contains(mentions), e.getMessage());
  }
}
