package io.tandem.hadoop.sync;

import io.tandem.mirror.sync.SyncBarrier;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.crypto.CryptoOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DFSOutputStream;
import org.apache.hadoop.hdfs.DFSStripedOutputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;

/**
 * The stream of a file a sync client writes: where the file is in a sync volume, {@code hflush}, {@code hsync} and
 * {@code close} return only once the peer holds the bytes (or, for close, the closed file). The file's path is
 * followed through the renames its own client makes, so a file moved into a sync volume (or from one to another)
 * is held where it is now. It is still an {@link HdfsDataOutputStream}, so code that casts to one keeps working.
 */
public final class SyncOutputStream extends HdfsDataOutputStream {
  private final SyncGuard guard;
  /** The client's streams not closed yet: this one leaves it when closed. */
  private final Set<SyncOutputStream> open;
  private volatile String path;
  /** Placed by its inode id (opened by one), not by a path its client's renames can be followed on. */
  private volatile boolean placedById;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile IOException closeFailure;

  private SyncOutputStream(DFSOutputStream out, FileSystem.Statistics stats, long start, SyncGuard guard, String path,
      Set<SyncOutputStream> open) throws IOException {
    super(out, stats, start);
    this.guard = guard;
    this.path = path;
    this.open = open;
  }

  private SyncOutputStream(CryptoOutputStream out, FileSystem.Statistics stats, long start, SyncGuard guard,
      String path, Set<SyncOutputStream> open) throws IOException {
    super(out, stats, start);
    this.guard = guard;
    this.path = path;
    this.open = open;
  }

  /**
   * Rewraps the stream HDFS opened (its position kept) and adds it to {@code open} until it is closed, or returns it
   * as it is when it is already held or of a kind HDFS does not hand out.
   */
  public static HdfsDataOutputStream wrap(HdfsDataOutputStream opened, FileSystem.Statistics stats, SyncGuard guard,
      String path, Set<SyncOutputStream> open) throws IOException {
    if (opened instanceof SyncOutputStream) {
      return opened;
    }
    Object inner = opened.getWrappedStream();
    SyncOutputStream made;
    if (inner instanceof DFSOutputStream) {
      made = new SyncOutputStream((DFSOutputStream) inner, stats, opened.getPos(), guard, path, open);
    } else if (inner instanceof CryptoOutputStream) {
      made = new SyncOutputStream((CryptoOutputStream) inner, stats, opened.getPos(), guard, path, open);
    } else {
      return opened;
    }
    open.add(made);
    return made;
  }

  /** The path the file has, as far as its own client moved it. */
  public String path() {
    return path;
  }

  /** Its client renamed the file (or a directory above it): it is at {@code newPath} now. */
  public void movedTo(String newPath) {
    path = newPath;
  }

  /** Placed by its inode id at {@code located} ({@code InodePaths.locate}), which renames are not followed on. */
  public void placedById(String located) {
    path = located;
    placedById = true;
  }

  public boolean isPlacedById() {
    return placedById;
  }

  @Override
  public void hflush() throws IOException {
    super.hflush();
    afterFlush("hflush");
  }

  @Override
  public void hsync() throws IOException {
    super.hsync();
    afterFlush("hsync");
  }

  @Override
  public void hsync(EnumSet<SyncFlag> syncFlags) throws IOException {
    super.hsync(syncFlags);
    afterFlush("hsync");
  }

  /**
   * Waits for the peer to hold the flushed bytes. A striped (erasure-coded) file's hflush and hsync make no bytes
   * visible in HDFS either, so there are none to ask for: it waits for the volume's changes before it, and the file
   * reaches the peer when it closes.
   */
  private void afterFlush(String op) throws IOException {
    if (dfsStream() instanceof DFSStripedOutputStream) {
      guard.afterChange(op, path);
    } else {
      guard.afterFlush(op, path, getPos(), fileId());
    }
  }

  /** HDFS's own stream under this one (through an encryption zone's crypto stream), or null. */
  private DFSOutputStream dfsStream() {
    Object inner = getWrappedStream();
    if (inner instanceof CryptoOutputStream) {
      inner = ((CryptoOutputStream) inner).getWrappedStream();
    }
    return inner instanceof DFSOutputStream ? (DFSOutputStream) inner : null;
  }

  /** The file's inode id: its name may change while it is open (a rename), its id does not. */
  /** The file's inode id, or {@link SyncBarrier#NO_FILE_ID}. */
  public long fileId() {
    DFSOutputStream dfs = dfsStream();
    return dfs != null ? dfs.getFileId() : SyncBarrier.NO_FILE_ID;
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      IOException failed = closeFailure;
      if (failed != null) {
        throw failed; // a second close must not pass for a first that failed (DFSOutputStream rethrows too)
      }
      return;
    }
    try {
      super.close();
      guard.afterChange("close", path);
    } catch (IOException e) {
      closeFailure = e;
      throw e;
    } finally {
      open.remove(this);
    }
  }
}
