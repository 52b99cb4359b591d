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
  LIST,
  /**
   * Snapshot shipping: make the volume snapshottable and list its snapshots; with {@code snapshot} set, also report
   * what changed in the volume since that snapshot (Tandem's reserved directory aside).
   */
  SNAPSHOTS,
  /** Snapshot shipping's commit point: create the snapshot {@code snapshot} of the volume (idempotent). */
  SNAPSHOT_CREATE,
  /**
   * Keep the volume's current state as the snapshot {@code keepAs}, then return its live directory to the snapshot
   * {@code snapshot} (or to empty when none is given: before a first ship).
   */
  SNAPSHOT_ROLLBACK,
  /** Move {@code path} aside into the reserved stash under the number {@code stash} (renames and deletes of a ship). */
  STASH,
  /** Move stash number {@code stash} to {@code target}, making its parents. */
  UNSTASH,
  /** Delete whatever the stash still holds: the deletes of a ship. */
  CLEAR_STASH,
  /**
   * How many bytes the staging file of ({@code txid}, {@code index}, {@code path}) holds while it is still being
   * written (-1 when it is not), so an interrupted whole copy continues where it stopped.
   */
  STAGED,
  /**
   * Ask for the ship of {@code snapshot} of the volume (with an offer: the source's load score). A destination that
   * takes the volume's ships from several sources grants each snapshot to one of them; see {@link ShipClaimAnswer}.
   */
  SHIP_CLAIM;

  /** True for the operations that change the volume's directory (all but listing, asking and claiming). */
  public boolean changesVolume() {
    return this != LIST && this != SNAPSHOTS && this != STAGED && this != SHIP_CLAIM;
  }
}
