package io.tandem.mirror.ship;

import java.util.Objects;

/** One idempotent step of a ship, as the peer applies it. Paths are relative to the volume. */
public final class ShipStep {
  /** What the step does on the peer. */
  public enum Kind {
    /** Create the directory (or set the attributes of an existing one) as the snapshot has it. */
    DIRECTORY,
    /** Make the peer's file equal to the snapshot's: appended bytes only when it grew, else a whole copy. */
    FILE,
    /** Move the path aside into the stash under {@link #stash()}: the first half of a rename, or a delete. */
    STASH,
    /** Move stash number {@link #stash()} to {@link #path()}: the second half of a rename. */
    UNSTASH,
    /** Drop what the stash still holds: the deletes. */
    CLEAR_STASH,
    /**
     * Taking over a ship left mid-way: delete what the peer's directory holds that the snapshot's does not (or holds
     * as a file where the snapshot has a directory, or the other way round).
     */
    PRUNE,
    /** Taking over a ship left mid-way: delete the path on the peer (the snapshot has nothing there). */
    REMOVE
  }

  private final Kind kind;
  private final String path;
  private final long stash;
  private final boolean modified;
  private final long estimatedBytes;

  private ShipStep(Kind kind, String path, long stash, boolean modified, long estimatedBytes) {
    this.kind = Objects.requireNonNull(kind);
    this.path = path;
    this.stash = stash;
    this.modified = modified;
    this.estimatedBytes = estimatedBytes;
  }

  public static ShipStep directory(String path) {
    return new ShipStep(Kind.DIRECTORY, path, -1, false, 0);
  }

  /**
   * @param modified the peer holds an older version of the file (it may only need the appended bytes)
   * @param estimatedBytes what the step is expected to send, for progress
   */
  public static ShipStep file(String path, boolean modified, long estimatedBytes) {
    return new ShipStep(Kind.FILE, path, -1, modified, estimatedBytes);
  }

  public static ShipStep stash(String path, long number) {
    return new ShipStep(Kind.STASH, path, number, false, 0);
  }

  public static ShipStep unstash(long number, String target) {
    return new ShipStep(Kind.UNSTASH, target, number, false, 0);
  }

  public static ShipStep prune(String directory) {
    return new ShipStep(Kind.PRUNE, directory, -1, false, 0);
  }

  public static ShipStep remove(String path) {
    return new ShipStep(Kind.REMOVE, path, -1, false, 0);
  }

  public static ShipStep clearStash() {
    return new ShipStep(Kind.CLEAR_STASH, "", -1, false, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** The path the step concerns on the peer: for UNSTASH, the rename's target. */
  public String path() {
    return path;
  }

  public long stash() {
    return stash;
  }

  public boolean modified() {
    return modified;
  }

  public long estimatedBytes() {
    return estimatedBytes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ShipStep)) {
      return false;
    }
    ShipStep s = (ShipStep) o;
    return kind == s.kind && Objects.equals(path, s.path) && stash == s.stash && modified == s.modified
        && estimatedBytes == s.estimatedBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, path, stash, modified, estimatedBytes);
  }

  @Override
  public String toString() {
    switch (kind) {
      case STASH:
        return "STASH " + path + " as " + stash;
      case UNSTASH:
        return "UNSTASH " + stash + " to " + path;
      case FILE:
        return "FILE " + path + (modified ? " (modified)" : "") + " ~" + estimatedBytes + " B";
      default:
        return kind + " " + path;
    }
  }
}
