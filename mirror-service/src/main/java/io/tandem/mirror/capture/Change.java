package io.tandem.mirror.capture;

import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import java.util.Objects;

/**
 * One change to a volume as read from the NameNode's edit log, with its position. Content is not part of it: the
 * sender reads a file's bytes when it ships, so a replay always converges on the file as it is.
 */
public final class Change {
  /** What changed. */
  public enum Kind {
    /** A directory was created. */
    MKDIR,
    /** A file was closed (written, appended, concatenated): make the peer's copy equal, by append if possible. */
    SYNC_FILE,
    /** A file was opened for append: it may stay open, so its flushed bytes are shipped periodically. */
    OPENED_FOR_APPEND,
    /** A file was created and is open: likewise. */
    OPENED_NEW,
    RENAME,
    DELETE,
    SET_ATTRIBUTES,
    TRUNCATE,
    /** Something moved into the volume from outside: copy the whole subtree. */
    SYNC_TREE
  }

  private final Kind kind;
  private final String volume;
  private final long txid;
  private final int index;
  private final String path;
  private final String target;
  private final FileAttributes attributes;
  private final long length;
  private final long closedMtime;

  Change(Kind kind, String volume, long txid, int index, String path, String target, FileAttributes attributes,
      long length) {
    this(kind, volume, txid, index, path, target, attributes, length, -1);
  }

  /**
   * A file closed with {@code length} bytes (-1 when the edit does not say, as for a concat) and modification time
   * {@code mtime}: the state of the file the sender ships, which may have been replaced by then.
   */
  static Change closed(String volume, long txid, int index, String path, long length, long mtime) {
    return new Change(Kind.SYNC_FILE, volume, txid, index, path, null, null, length, mtime);
  }

  private Change(Kind kind, String volume, long txid, int index, String path, String target,
      FileAttributes attributes, long length, long closedMtime) {
    this.kind = Objects.requireNonNull(kind);
    this.volume = Objects.requireNonNull(volume);
    this.txid = txid;
    this.index = index;
    this.path = Objects.requireNonNull(path);
    this.target = target;
    this.attributes = attributes;
    this.length = length;
    this.closedMtime = closedMtime;
  }

  public Kind kind() {
    return kind;
  }

  public String volume() {
    return volume;
  }

  /** Transaction id of the edit this change came from. */
  public long txid() {
    return txid;
  }

  /** Position of the change among those of its transaction. */
  public int index() {
    return index;
  }

  /** Path relative to the volume's directory ("" for the directory itself). */
  public String path() {
    return path;
  }

  /** Rename destination, relative; null otherwise. */
  public String target() {
    return target;
  }

  /** Attributes for MKDIR and SET_ATTRIBUTES; null otherwise. */
  public FileAttributes attributes() {
    return attributes;
  }

  /** New length for TRUNCATE, the length at the close for SYNC_FILE when the edit says; -1 otherwise. */
  public long length() {
    return length;
  }

  /** The file's modification time at the close for SYNC_FILE read from the edit log; -1 otherwise. */
  public long closedMtime() {
    return closedMtime;
  }

  @Override
  public String toString() {
    return kind + " " + volume + ":" + path + (target == null ? "" : " -> " + target) + " @" + txid + "." + index;
  }
}
