package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.RetryingSender;
import io.tandem.mirror.throttle.RateLimiter;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.StringUtils;

/**
 * Makes the peer's copy of one file equal to the snapshot's, reading only from the snapshot. A file the peer holds
 * an older version of gets only its appended bytes when the peer's copy is a prefix (length, then COMPOSITE_CRC
 * checksum of that many bytes, checked by the receiver as for mirrored appends); anything else is copied whole
 * through the receiver's staging. Content passes the shared bandwidth limiter in small chunks, read one chunk ahead
 * of the sender.
 */
final class FileCopy {
  /** Bytes per WRITE: small enough that progress and the rate are smooth at a few MB/s. */
  static final int CHUNK = 256 * 1024;

  private final DistributedFileSystem fs;
  private final ShipTarget target;
  private final RetryingSender sender;
  private final RateLimiter limiter;
  private final ShipStats stats;
  private final LongSupplier nowMs;
  private final ExecutorService readers;

  FileCopy(DistributedFileSystem fs, ShipTarget target, RetryingSender sender, RateLimiter limiter, ShipStats stats,
      LongSupplier nowMs, ExecutorService readers) {
    this.fs = fs;
    this.target = target;
    this.sender = sender;
    this.limiter = limiter;
    this.stats = stats;
    this.nowMs = nowMs;
    this.readers = readers;
  }

  /**
   * @param source the file inside the snapshot
   * @param checkPeer ask the peer first and skip a file it already holds (a portion being repeated after a resume)
   */
  void copy(Path source, String rel, boolean modified, boolean checkPeer, long txid, int index)
      throws IOException, LinkUnavailableException, InterruptedException {
    FileStatus st = fs.getFileStatus(source);
    long length = st.getLen();
    FileAttributes attrs = FileAttributes.of(st.getPermission().toShort(), st.getOwner(), st.getGroup());
    if (modified || checkPeer) {
      ListedEntry peer = peerFile(rel, false);
      if (peer != null && peer.length == length) {
        ListedEntry summed = peerFile(rel, true);
        if (summed != null && summed.checksum != null && summed.checksum.equals(checksum(source, length))) {
          // Same bytes: a modification of its attributes alone, or a file sent before a resume.
          sender.send(target.request(MirrorOp.SET_ATTRIBUTES, txid, index, rel).attributes(attrs).build());
          stats.filesSkipped.incrementAndGet();
          return;
        }
      } else if (peer != null && modified && peer.length > 0 && peer.length < length) {
        if (send(source, rel, peer.length, length, true, checksum(source, peer.length), attrs, txid, index)) {
          stats.appends.incrementAndGet();
          stats.filesSent.incrementAndGet();
          return;
        }
      }
    }
    if (!send(source, rel, 0, length, false, null, attrs, txid, index)) {
      throw new IOException("the peer refused a whole copy of " + rel);
    }
    stats.fullCopies.incrementAndGet();
    stats.filesSent.incrementAndGet();
  }

  private ListedEntry peerFile(String rel, boolean withChecksum) throws LinkUnavailableException, InterruptedException {
    MirrorResponse r = sender.send(target.request(MirrorOp.LIST, 0, 0, rel).withChecksums(withChecksum).build());
    if (r.entries == null || r.entries.size() != 1 || r.entries.get(0).directory || !r.entries.get(0).name.isEmpty()) {
      return null;
    }
    return r.entries.get(0);
  }

  private String checksum(Path source, long length) throws IOException {
    FileChecksum c = fs.getFileChecksum(source, length);
    return c == null ? null : StringUtils.byteToHexString(c.getBytes());
  }

  /** Streams [from, to); false when the peer asks for a whole copy instead of an append. */
  private boolean send(Path source, String rel, long from, long to, boolean append, String prefix,
      FileAttributes attrs, long txid, int index) throws IOException, LinkUnavailableException, InterruptedException {
    try (FSDataInputStream raw = fs.open(source)) {
      raw.seek(from);
      if (from == to) {
        return sendChunk(rel, from, to, append, prefix, attrs, txid, index, new byte[0]);
      }
      try (ChunkReader chunks = new ChunkReader(readers, raw, limiter, from, to, CHUNK, stats.bytesPaced)) {
        long offset = from;
        for (byte[] buf = chunks.next(); buf != null; buf = chunks.next()) {
          if (!sendChunk(rel, offset, to, append, offset == from ? prefix : null, attrs, txid, index, buf)) {
            return false;
          }
          offset += buf.length;
        }
      }
    }
    return true;
  }

  private boolean sendChunk(String rel, long offset, long to, boolean append, String prefix, FileAttributes attrs,
      long txid, int index, byte[] buf) throws IOException, LinkUnavailableException, InterruptedException {
    boolean last = offset + buf.length >= to;
    MirrorRequest.Builder b = target.request(MirrorOp.WRITE, txid, index, rel).write(offset, to, append, last, buf);
    if (prefix != null) {
      b.prefixChecksum(prefix);
    }
    if (last) {
      b.attributes(attrs);
    }
    MirrorResponse r = sender.send(b.build());
    if (r.status == Status.NEED_FULL_COPY) {
      if (append) {
        return false;
      }
      throw new IOException("the peer refused a whole copy of " + rel + ": " + r.message);
    }
    stats.bytesSent.addAndGet(buf.length);
    stats.rate.record(buf.length, nowMs.getAsLong());
    return true;
  }


}
