package io.tandem.mirror.sync;

import java.util.Objects;

/**
 * A sync client's question to its site's agent: "has the peer stored every change of this volume up to now?",
 * optionally also "and at least {@code minLength} bytes of this file kept open?" (after an hflush or hsync).
 * Immutable.
 */
public final class SyncBarrier {
  /** No file in question: a namespace operation or a close. */
  public static final long NO_LENGTH = -1;
  /** The file's inode id is not known (HDFS ids are positive). */
  public static final long NO_FILE_ID = 0;

  private final String volume;
  private final String path;
  private final long minLength;
  private final long timeoutMs;
  private final long fileId;

  /**
   * @param volume the volume's name
   * @param path the file's path relative to the volume root, or "" when no file is in question or only its id
   *     names it
   * @param minLength the bytes the peer must hold of {@code path}, or {@link #NO_LENGTH}
   * @param timeoutMs how long the agent may wait for the peer before answering TIMEOUT
   */
  public SyncBarrier(String volume, String path, long minLength, long timeoutMs) {
    this(volume, path, minLength, timeoutMs, NO_FILE_ID);
  }

  /**
   * @param fileId the inode id of the file kept open, or {@link #NO_FILE_ID}: {@code path} is the name its writer
   *     opened it under, which a rename may since have given to another file
   */
  public SyncBarrier(String volume, String path, long minLength, long timeoutMs, long fileId) {
    this.volume = Objects.requireNonNull(volume, "volume");
    this.path = Objects.requireNonNull(path, "path");
    this.minLength = minLength;
    this.timeoutMs = timeoutMs;
    this.fileId = fileId;
  }

  public String volume() {
    return volume;
  }

  public String path() {
    return path;
  }

  public long minLength() {
    return minLength;
  }

  /** Whether the barrier waits for a file's bytes: one named by its path, or by its id alone (an inode-id path). */
  public boolean hasFile() {
    return minLength >= 0 && (!path.isEmpty() || fileId != NO_FILE_ID);
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  public long fileId() {
    return fileId;
  }

  @Override
  public String toString() {
    return "sync barrier on " + volume + (hasFile() ? " for " + path + " up to " + minLength + " bytes" : "");
  }
}
