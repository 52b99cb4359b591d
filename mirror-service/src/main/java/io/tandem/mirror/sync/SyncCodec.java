package io.tandem.mirror.sync;

import io.tandem.mirror.protocol.MirrorProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes of sync barriers and their outcomes on the link (SYNC_REQUEST and SYNC_RESPONSE frames). Decoding
 * checks every field and names the first that is wrong; it never trusts a length or a count from the wire.
 */
public final class SyncCodec {
  /** 2 adds the file's inode id to a barrier; barriers of version 1 are still read (their file id unknown). */
  static final byte VERSION = 2;
  private static final byte VERSION_WITHOUT_FILE_ID = 1;
  static final int MAX_VOLUME_CHARS = 255;
  static final int MAX_PATH_CHARS = 8000;
  static final int MAX_DETAIL_CHARS = 2000;
  static final long MAX_TIMEOUT_MS = 3_600_000;

  public byte[] encode(SyncBarrier b) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + b.path().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      // Without a file id, the first version: agents that predate file ids read it (clients may be upgraded first).
      boolean withFileId = b.fileId() != SyncBarrier.NO_FILE_ID;
      out.writeByte(withFileId ? VERSION : VERSION_WITHOUT_FILE_ID);
      out.writeUTF(b.volume());
      out.writeUTF(b.path());
      out.writeLong(b.minLength());
      out.writeLong(b.timeoutMs());
      if (withFileId) {
        out.writeLong(b.fileId());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public SyncBarrier decodeBarrier(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      byte version = in.readByte();
      if (version != VERSION_WITHOUT_FILE_ID) {
        checkVersion(version);
      }
      String volume = bounded(in.readUTF(), "volume", MAX_VOLUME_CHARS);
      if (volume.isEmpty()) {
        throw new MirrorProtocolException("sync barrier: the volume name is empty");
      }
      String path = bounded(in.readUTF(), "path", MAX_PATH_CHARS);
      long minLength = in.readLong();
      if (minLength < SyncBarrier.NO_LENGTH) {
        throw new MirrorProtocolException("sync barrier: length " + minLength + " is negative");
      }
      long timeoutMs = in.readLong();
      if (timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
        throw new MirrorProtocolException("sync barrier: timeout " + timeoutMs + " ms is outside 1.." + MAX_TIMEOUT_MS);
      }
      long fileId = version == VERSION_WITHOUT_FILE_ID ? SyncBarrier.NO_FILE_ID : in.readLong();
      if (fileId < 0) {
        throw new MirrorProtocolException("sync barrier: file id " + fileId + " is negative");
      }
      expectEnd(in);
      return new SyncBarrier(volume, path, minLength, timeoutMs, fileId);
    } catch (IOException e) {
      throw new MirrorProtocolException("sync barrier: truncated or malformed (" + e.getMessage() + ")");
    }
  }

  public byte[] encode(SyncOutcome o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + o.detail().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION_WITHOUT_FILE_ID); // outcomes did not change: clients of either version read them
      out.writeByte(o.status().code());
      String detail = o.detail();
      out.writeUTF(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public SyncOutcome decodeOutcome(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      byte version = in.readByte();
      if (version != VERSION_WITHOUT_FILE_ID) {
        checkVersion(version);
      }
      byte code = in.readByte();
      SyncOutcome.Status status = SyncOutcome.Status.fromCode(code);
      if (status == null) {
        throw new MirrorProtocolException("sync outcome: unknown status code " + code);
      }
      String detail = bounded(in.readUTF(), "detail", MAX_DETAIL_CHARS);
      expectEnd(in);
      return new SyncOutcome(status, detail);
    } catch (IOException e) {
      throw new MirrorProtocolException("sync outcome: truncated or malformed (" + e.getMessage() + ")");
    }
  }

  private static void checkVersion(byte version) {
    if (version != VERSION) {
      throw new MirrorProtocolException("sync message version " + version + " is not supported (this side speaks "
          + VERSION + ")");
    }
  }

  private static String bounded(String s, String field, int max) {
    if (s.length() > max) {
      throw new MirrorProtocolException("sync message: " + field + " is " + s.length() + " characters, more than " + max);
    }
    return s;
  }

  private static void expectEnd(DataInputStream in) throws IOException {
    if (in.read() != -1) {
      throw new MirrorProtocolException("sync message: bytes after the last field");
    }
  }
}
