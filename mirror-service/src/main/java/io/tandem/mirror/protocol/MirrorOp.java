package io.tandem.mirror.protocol;

/** What a mirror request asks the receiving site to do under the volume's directory. */
public enum MirrorOp {
  /** Create a directory (and its parents) with the given attributes. */
  MKDIRS,
  /**
   * Bytes of a file's content at an offset. With {@code append} false the bytes go to a staging file that replaces
   * the target atomically on the last chunk; with {@code append} true they extend the existing file, after the
   * prefix check on the first chunk.
   */
  WRITE,
  /** Rename within the volume, replacing the destination. */
  RENAME,
  /** Delete a file or directory, recursively. */
  DELETE,
  /** Set attributes: permission, owner, group, times, replication, ACL, extended attributes. */
  SET_ATTRIBUTES,
  /** Truncate a file to a length. */
  TRUNCATE,
  /** List a directory with lengths and optionally checksums (for verify and resync). */
  LIST
}
