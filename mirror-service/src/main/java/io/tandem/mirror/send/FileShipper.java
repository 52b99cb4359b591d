package io.tandem.mirror.send;

import io.tandem.mirror.capture.Change;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.protocol.VolumePaths;
import io.tandem.mirror.read.AttributeReader;
import io.tandem.mirror.read.ChunkReader;
import io.tandem.mirror.throttle.RateLimiter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.apache.hadoop.hdfs.protocol.OpenFileEntry;
import org.apache.hadoop.hdfs.protocol.OpenFilesIterator.OpenFilesType;
import org.apache.hadoop.util.StringUtils;

/**
 * Makes the peer's copy of one file equal to the local file: only the new bytes when the peer holds a matching
 * prefix (checked by length and COMPOSITE_CRC checksum), the whole file through staging otherwise. Data is read at
 * ship time, in chunks, so a file of any size streams through bounded memory.
 */
final class FileShipper {
  static final int CHUNK = 4 * 1024 * 1024;
  /** HDFS names every file by its inode id under this directory as well. */
  private static final String INODES = "/.reserved/.inodes/";

  private final VolumeEndpoints volume;
  private final RetryingSender sender;
  private final RemoteLengths remote;
  private final MirrorStats stats;
  private final ExecutorService readAhead;
  /** The mirror is not throttled; the read-ahead takes a limiter, so it gets one that never waits. */
  private final RateLimiter unlimited = new RateLimiter(0);
  private final AtomicLong bytesRead = new AtomicLong();
  /**
   * Files whose next whole copy carries their extended attributes, until one is stored: new files whose attributes
   * changed before their first ship (the peer had no file to apply the change to), and every file a resync copies.
   * Only the volume's sender thread touches it.
   */
  private final Set<String> carryXattrs = new HashSet<>();
  /** Why the files open under the volume cannot be listed (it needs superuser rights), once that was found. */
  private IOException openFilesRefused;

  /** @param readAhead the thread reading a file's next chunk while the one before is sent */
  FileShipper(VolumeEndpoints volume, RetryingSender sender, RemoteLengths remote, MirrorStats stats,
      ExecutorService readAhead) {
    this.volume = volume;
    this.sender = sender;
    this.remote = remote;
    this.stats = stats;
    this.readAhead = readAhead;
  }

  /**
   * The file a close left: its length (-1 where the edit does not say) and modification time. The sender reads a
   * file when it ships its close, which may be long after; if the path holds another file by then (the closed one
   * renamed away and a new one created, as a log rotation does), shipping that as this close would let the rename
   * that follows carry the wrong content to the new name. An unchanged modification time and length say it is
   * still the file that was closed: every later change to it (append, truncate, concat, times) moves its
   * modification time and comes with an edit of its own, which ships it then.
   */
  static final class ClosedFile {
    final long length;
    final long mtime;

    ClosedFile(long length, long mtime) {
      this.length = length;
      this.mtime = mtime;
    }

    static ClosedFile of(Change close) {
      return new ClosedFile(close.length(), close.closedMtime());
    }

    boolean isStill(FileStatus now) {
      return now.getModificationTime() == mtime && (length < 0 || now.getLen() == length);
    }
  }

  /**
   * Ships the file's bytes up to its visible length (for an open file, the bytes flushed so far).
   *
   * @param knownNew the file was created in this stretch of the edit log, so the peer's copy (if any) is stale
   * @return false if the file no longer exists here (a later change will say what became of it)
   */
  boolean ship(String rel, long txid, int index, boolean knownNew, boolean open)
      throws IOException, LinkUnavailableException, InterruptedException {
    return ship(rel, txid, index, knownNew, open, null);
  }

  /**
   * As {@link #ship(String, long, int, boolean, boolean)}, for a close: false also when the path no longer holds
   * the file that was closed ({@code closed}; null ships whatever is there).
   */
  boolean ship(String rel, long txid, int index, boolean knownNew, boolean open, ClosedFile closed)
      throws IOException, LinkUnavailableException, InterruptedException {
    FileStatus st;
    try {
      st = volume.fs().getFileStatus(volume.local(rel));
    } catch (FileNotFoundException e) {
      return false;
    }
    if (!st.isFile() || closed != null && !closed.isStill(st)) {
      return false;
    }
    Path content = contentOf(rel, st);
    long length = open ? visibleLength(content, st.getLen()) : st.getLen();
    if (open && !knownNew && !remote.isTrusted(rel)) {
      // Being written, and its peer copy not made by this session (one open across a restart): no checksum can be
      // taken of it, so neither a length nor a prefix the peer lists can be trusted. Its visible bytes are copied
      // whole, held open on the peer, once; later flushes append to what this side then knows the peer holds.
      stats.fullCopies.incrementAndGet();
      return sendWhole(rel, content, txid, index, length, attributesOf(rel, content, st, true), true);
    }
    Long peer = knownNew ? null : remote.get(rel);
    if (peer == null && !knownNew) {
      peer = peerLength(rel, txid, index);
    }
    if (peer != null && peer == length && !knownNew) {
      if (remote.isTrusted(rel) || sameOnPeer(rel, content, txid, index, length)) {
        if (!open) {
          closeHeld(rel, txid, index, length); // the peer may still hold the file open from a flush
        }
        return true;
      }
      peer = null; // as many bytes, other ones: rewritten in place since a session that knew it was new
    }
    if (peer != null && peer > 0 && peer < length) {
      FileAttributes attrs = attributesOf(rel, content, st, false); // read only now that bytes will go with them
      String prefix = null;
      if (!remote.isTrusted(rel)) {
        if (!volume.fs().isFileClosed(content)) {
          // A checksum cannot be taken of a file being written. It will be closed again (by its writer or by
          // lease recovery), and that close ships it: nothing is lost by waiting.
          return true;
        }
        prefix = prefixChecksum(content, peer);
      }
      if (sendContent(rel, content, txid, index, peer, length, true, prefix, attrs, open)) {
        return true;
      }
    }
    stats.fullCopies.incrementAndGet();
    // A copy of a file whose create this session did not see may miss extended attributes set before it began.
    return sendWhole(rel, content, txid, index, length, attributesOf(rel, content, st, !knownNew), open);
  }

  /** A whole copy; once it is stored, the extended attributes it carried need carrying no more. */
  private boolean sendWhole(String rel, Path content, long txid, int index, long length, FileAttributes attrs,
      boolean hold) throws IOException, LinkUnavailableException, InterruptedException {
    boolean sent = sendContent(rel, content, txid, index, 0, length, false, null, attrs, hold);
    if (sent && attrs.xattrs != null) {
      carryXattrs.remove(rel);
    }
    return sent;
  }

  /**
   * Where the bytes of the file {@code st} describes are read: by its inode id, so that they are that file's even
   * if, between the look at its status and the reads, it is renamed away and another takes its name (a log
   * rotation). Shipped under {@code rel}, its name at this point of the edit log, they are then moved on by the
   * rename that follows, as on this side.
   */
  private Path contentOf(String rel, FileStatus st) {
    return st instanceof HdfsFileStatus ? new Path(INODES + ((HdfsFileStatus) st).getFileId()) : volume.local(rel);
  }

  /**
   * A last chunk of no bytes, so a receiver that keeps the file open since a flush closes it now that the source
   * closed it too; a receiver that does not answers ALREADY_APPLIED.
   */
  private void closeHeld(String rel, long txid, int index, long length)
      throws LinkUnavailableException, InterruptedException {
    sender.send(volume.request(MirrorOp.WRITE, txid, index, rel).write(length, length, true, true, new byte[0]).build());
  }

  /**
   * The whole content of the new file {@code closed} left, when it fits one chunk, as one WRITE ready to send; null
   * when the file is gone, larger, or no longer the one closed (those go through {@link #ship}).
   */
  MirrorRequest smallNewFile(String rel, long txid, int index, ClosedFile closed) throws IOException {
    FileStatus st;
    byte[] buf;
    // Opened before its status is read: if the status is still the closed file's, so is the file opened.
    try (FSDataInputStream in = volume.fs().open(volume.local(rel))) {
      st = volume.fs().getFileStatus(volume.local(rel));
      if (!st.isFile() || st.getLen() > CHUNK || !closed.isStill(st)) {
        return null;
      }
      buf = new byte[(int) st.getLen()];
      in.readFully(buf);
    } catch (FileNotFoundException | java.io.EOFException changedMeanwhile) {
      return null;
    }
    return volume.request(MirrorOp.WRITE, txid, index, rel).write(0, buf.length, false, true, buf)
        .attributes(attributesOf(rel, volume.local(rel), st, false)).build();
  }

  /**
   * The next whole copy of {@code rel} carries its extended attributes: it was created in this session and had its
   * attributes changed before it shipped, or a resync copies it.
   */
  void carryXattrs(String rel) {
    carryXattrs.add(rel);
  }

  /** Follows a rename of files not shipped yet. */
  void moved(String src, String dst) {
    String prefix = src + "/";
    Set<String> movedNames = new HashSet<>();
    carryXattrs.removeIf(p -> {
      if (p.equals(src) || p.startsWith(prefix)) {
        movedNames.add(dst + p.substring(src.length()));
        return true;
      }
      return false;
    });
    carryXattrs.addAll(movedNames);
  }

  /**
   * What a file's copy on the peer is given besides its bytes: permission, owner, group and replication; its ACL
   * when it has one (a new file is written in the peer's staging directory, so it cannot inherit its directory's
   * default ACL there); its extended attributes when {@code withXattrs} or marked to be carried. Read at
   * {@code source}, where its bytes are read.
   */
  private FileAttributes attributesOf(String rel, Path source, FileStatus st, boolean withXattrs) throws IOException {
    List<String> acl = st.hasAcl() ? AttributeReader.acl(volume.fs(), source, st) : null;
    Map<String, String> xattrs = withXattrs || carryXattrs.contains(rel) ? AttributeReader.xattrs(volume.fs(), source) : null;
    return new FileAttributes(st.getPermission().toShort(), st.getOwner(), st.getGroup(), null, null,
        st.getReplication(), acl, xattrs, null);
  }

  /** Records that a small new file sent by {@link #smallNewFile} is stored on the peer. */
  void shippedSmallNewFile(String rel, long length) {
    stats.fullCopies.incrementAndGet();
    stats.bytesShipped.addAndGet(length);
    stats.shippedRate.record(length, System.currentTimeMillis());
    remote.put(rel, length);
    carryXattrs.remove(rel);
  }

  /** The peer's length of {@code rel}, or null when it has no such file. */
  private Long peerLength(String rel, long txid, int index) throws LinkUnavailableException, InterruptedException {
    MirrorResponse r = sender.send(volume.request(MirrorOp.LIST, txid, index, rel).build());
    if (r.entries == null || r.entries.size() != 1 || r.entries.get(0).directory) {
      return null;
    }
    long len = r.entries.get(0).length;
    remote.putListed(rel, len);
    return len;
  }

  /**
   * Streams [from, to) of the file read at {@code content} to {@code rel} on the peer; returns false when the peer
   * asks for a full copy instead (append mode only).
   */
  private boolean sendContent(String rel, Path content, long txid, int index, long from, long to, boolean append,
      String prefix, FileAttributes attrs, boolean hold) throws IOException, LinkUnavailableException, InterruptedException {
    // The next chunk is read from HDFS while this one is sent and stored on the peer: for a large file that
    // overlaps the local read with the round trip instead of adding them up. The chunks themselves still go one at
    // a time, since the peer applies requests on several threads and a file's chunks must land in order.
    List<ChunkReader.Range> range = List.of(new ChunkReader.Range(content, from, to));
    try (ChunkReader chunks = new ChunkReader(readAhead, volume.fs(), range, unlimited, CHUNK, bytesRead)) {
      long offset = from;
      boolean first = true;
      do {
        ChunkReader.Chunk chunk = chunks.next();
        if (chunk == null) {
          throw new IOException(rel + " ended before " + to + " bytes");
        }
        byte[] buf = chunk.data;
        int n = buf.length;
        boolean last = offset + n >= to;
        MirrorRequest.Builder b = volume.request(MirrorOp.WRITE, txid, index, rel).write(offset, to, append, last, buf);
        if (first && prefix != null) {
          b.prefixChecksum(prefix);
        }
        if (last) {
          b.attributes(attrs).hold(hold);
        }
        MirrorResponse r = sender.send(b.build());
        if (r.status == Status.NEED_FULL_COPY) {
          remote.forget(rel);
          if (append) {
            return false;
          }
          throw new IOException("peer refused a full copy of " + rel + ": " + r.message);
        }
        stats.bytesShipped.addAndGet(n);
        stats.shippedRate.record(n, System.currentTimeMillis());
        offset += n;
        first = false;
      } while (offset < to);
    } catch (FileNotFoundException gone) {
      remote.forget(rel);
      return true;
    }
    remote.put(rel, to);
    return true;
  }

  /**
   * Whether the peer's copy, of as many bytes as the file here, holds the same ones. Only a length this side
   * shipped itself is trusted: one the peer listed may belong to an older version rewritten in place with as many
   * bytes (its create was before this session's checkpoint, so nothing here says the file is new). A side that
   * cannot tell (no checksum) counts as the same, as in a tree sync.
   */
  private boolean sameOnPeer(String rel, Path content, long txid, int index, long length)
      throws IOException, LinkUnavailableException, InterruptedException {
    MirrorResponse r = sender.send(volume.request(MirrorOp.LIST, txid, index, rel).withChecksums(true).build());
    if (r.entries == null || r.entries.size() != 1 || r.entries.get(0).checksum == null) {
      return true;
    }
    String here = prefixChecksum(content, length);
    return here == null || here.equals(r.entries.get(0).checksum);
  }

  private String prefixChecksum(Path content, long length) throws IOException {
    FileChecksum c = volume.fs().getFileChecksum(content, length);
    return c == null ? null : StringUtils.byteToHexString(c.getBytes());
  }

  /** Whether {@code rel} names the file with inode id {@code fileId} now. */
  boolean holds(String rel, long fileId) throws IOException {
    try {
      FileStatus st = volume.fs().getFileStatus(volume.local(rel));
      return st instanceof HdfsFileStatus && ((HdfsFileStatus) st).getFileId() == fileId;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Where the file with inode id {@code fileId} is now, among the files open under the volume; empty when it is
   * closed, gone, or outside the volume.
   *
   * @throws IOException when the files open cannot be listed (it needs superuser rights)
   */
  Optional<String> openNameOf(long fileId) throws IOException {
    if (openFilesRefused != null) {
      throw openFilesRefused; // asked again every few milliseconds while a barrier waits: once per session is enough
    }
    try {
      return Optional.ofNullable(openUnder(volume).get(fileId));
    } catch (IOException e) {
      openFilesRefused = e;
      throw e;
    }
  }

  /**
   * The files open under the volume, by inode id, with their paths relative to it, as
   * {@code hdfs dfsadmin -listOpenFiles -path} lists them.
   *
   * @throws IOException when they cannot be listed (it needs superuser rights)
   */
  static Map<Long, String> openUnder(VolumeEndpoints volume) throws IOException {
    String root = volume.localRoot();
    Map<Long, String> open = new LinkedHashMap<>();
    RemoteIterator<OpenFileEntry> it = volume.fs().listOpenFiles(EnumSet.of(OpenFilesType.ALL_OPEN_FILES), root);
    while (it.hasNext()) {
      OpenFileEntry e = it.next();
      String rel = VolumePaths.relativize(root, e.getFilePath()); // a root of "/" included
      if (rel != null && !rel.isEmpty()) {
        open.put(e.getId(), rel);
      }
    }
    return open;
  }

  /** True when {@code rel} is not a file being written: closed, a directory, or gone. */
  boolean isClosedOrGone(String rel) throws IOException {
    try {
      return !volume.fs().getFileStatus(volume.local(rel)).isFile() || volume.fs().isFileClosed(volume.local(rel));
    } catch (FileNotFoundException e) {
      return true;
    }
  }

  /** Bytes readers can see in a file still being written (its hflushed length). */
  private long visibleLength(Path content, long fallback) throws IOException {
    try (FSDataInputStream in = volume.fs().open(content)) {
      if (in instanceof HdfsDataInputStream) {
        return ((HdfsDataInputStream) in).getVisibleLength();
      }
      return fallback;
    }
  }
}
