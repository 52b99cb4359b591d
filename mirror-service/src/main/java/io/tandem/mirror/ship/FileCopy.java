package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.read.AttributeReader;
import io.tandem.mirror.read.ChunkReader;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.RetryingSender;
import io.tandem.mirror.throttle.RateLimiter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
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
  /** Modified files copied at once by {@link #copyModified}: as many as the peer has apply threads. */
  static final int MODIFIED_IN_FLIGHT = 8;
  /** Bytes per WRITE: small enough that progress and the rate are smooth at a few MB/s. */
  static final int CHUNK = 256 * 1024;

  private final DistributedFileSystem fs;
  private final ShipTarget target;
  private final RetryingSender sender;
  private final RateLimiter limiter;
  private final ShipStats stats;
  private final LongSupplier nowMs;
  private final ExecutorService readers;
  private final ExecutorService modifiedCopies;

  /**
   * @param readers the thread reading files' chunks ahead of sending
   * @param modifiedCopies at least {@link #MODIFIED_IN_FLIGHT} threads for {@link #copyModified}
   */
  FileCopy(DistributedFileSystem fs, ShipTarget target, RetryingSender sender, RateLimiter limiter, ShipStats stats,
      LongSupplier nowMs, ExecutorService readers, ExecutorService modifiedCopies) {
    this.fs = fs;
    this.target = target;
    this.sender = sender;
    this.limiter = limiter;
    this.stats = stats;
    this.nowMs = nowMs;
    this.readers = readers;
    this.modifiedCopies = modifiedCopies;
  }

  /**
   * @param source the file inside the snapshot
   * @param checkPeer ask the peer first and skip a file it already holds (a portion being repeated after a resume)
   */
  void copy(Path source, String rel, boolean modified, boolean checkPeer, long txid, int index)
      throws IOException, LinkUnavailableException, InterruptedException {
    FileStatus st = fs.getFileStatus(source);
    long length = st.getLen();
    FileAttributes attrs = AttributeReader.whole(fs, source, st);
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
    if (checkPeer && !modified && length > 0) {
      // A whole copy interrupted by the resume may still be open in the peer's staging: continue it.
      MirrorResponse staged = sender.send(target.request(MirrorOp.STAGED, txid, index, rel).build());
      long at = staged.remoteLength == null ? -1 : staged.remoteLength;
      if (at > 0 && at < length && send(source, rel, at, length, false, null, attrs, txid, index)) {
        stats.stagedResumes.incrementAndGet();
        stats.fullCopies.incrementAndGet();
        stats.filesSent.incrementAndGet();
        return;
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

  /**
   * Streams [from, to); false when the peer asks for a whole copy instead: of an append, or of a staged copy it no
   * longer holds open at {@code from}.
   */
  private boolean send(Path source, String rel, long from, long to, boolean append, String prefix,
      FileAttributes attrs, long txid, int index) throws IOException, LinkUnavailableException, InterruptedException {
    try (ChunkReader chunks = new ChunkReader(readers, fs, List.of(new ChunkReader.Range(source, from, to)), limiter,
        CHUNK, stats.bytesPaced)) {
      for (ChunkReader.Chunk c = chunks.next(); c != null; c = chunks.next()) {
        if (!sendChunk(rel, c.offset, to, append, c.offset == from ? prefix : null, attrs, txid, index, c.data)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Modified files (grown by appends, mostly), up to {@link #MODIFIED_IN_FLIGHT} at a time: each file's requests stay
   * in order on one thread, and different files' commute on the peer, which applies requests on several threads.
   * One at a time, each file costs a few round trips and two prefix checksums (here and on the peer) of idle link;
   * overlapped, the link and both NameNodes stay busy. {@code done} is told of each file in the list's order, so a
   * portion is recorded only once every file before it is stored. The first failure cancels the rest and is thrown.
   *
   * @param checkPeer per file, as {@link #copy}'s
   */
  void copyModified(List<NewFile> files, List<Boolean> checkPeer, FileDone done) throws Exception {
    List<Future<?>> running = new ArrayList<>(files.size());
    try {
      for (int k = 0; k < files.size(); k++) {
        NewFile f = files.get(k);
        boolean check = checkPeer.get(k);
        running.add(modifiedCopies.submit(() -> {
          copy(f.source, f.rel, true, check, f.portion, f.index);
          return null;
        }));
      }
      for (int k = 0; k < files.size(); k++) {
        try {
          running.get(k).get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Exception) {
            throw (Exception) cause;
          }
          throw new IOException("copying " + files.get(k).rel + " failed", cause);
        }
        done.accept(files.get(k));
      }
    } finally {
      for (Future<?> f : running) {
        f.cancel(true); // those not done yet, after a failure or an interrupt
      }
    }
  }

  /** A new file of a ship: copied whole, without asking the peer first. */
  static final class NewFile {
    final Path source;
    final String rel;
    /** The step's index in the plan, which with {@link #portion} names its staging file on the peer. */
    final int index;
    final long portion;

    NewFile(Path source, String rel, int index, long portion) {
      this.source = source;
      this.rel = rel;
      this.index = index;
      this.portion = portion;
    }
  }

  /** Called after the peer stored a whole file. */
  interface FileDone {
    void accept(NewFile file) throws Exception;
  }

  /**
   * Copies new files whole, one after the other, their content read in one stream of chunks so that the limiter
   * stays busy while the peer commits each file.
   */
  void copyNew(List<NewFile> files, FileDone done) throws Exception {
    List<ChunkReader.Range> ranges = new ArrayList<>();
    List<FileAttributes> attrs = new ArrayList<>();
    for (NewFile f : files) {
      FileStatus st = fs.getFileStatus(f.source);
      ranges.add(new ChunkReader.Range(f.source, 0, st.getLen()));
      attrs.add(AttributeReader.whole(fs, f.source, st));
    }
    try (ChunkReader chunks = new ChunkReader(readers, fs, ranges, limiter, CHUNK, stats.bytesPaced)) {
      for (ChunkReader.Chunk c = chunks.next(); c != null; c = chunks.next()) {
        NewFile f = files.get(c.range);
        sendChunk(f.rel, c.offset, ranges.get(c.range).to, false, null, attrs.get(c.range), f.portion, f.index,
            c.data);
        if (c.last) {
          stats.fullCopies.incrementAndGet();
          stats.filesSent.incrementAndGet();
          done.accept(f);
        }
      }
    }
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
      if (append || offset > 0) {
        return false; // the caller copies the file whole from its start
      }
      throw new IOException("the peer refused a whole copy of " + rel + ": " + r.message);
    }
    stats.bytesSent.addAndGet(buf.length);
    stats.rate.record(buf.length, nowMs.getAsLong());
    return true;
  }


}
