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

  private final String volume;
  private final String path;
  private final long minLength;
  private final long timeoutMs;

  /**
   * @param volume the volume's name
   * @param path the file's path relative to the volume root, or "" when no file is in question
   * @param minLength the bytes the peer must hold of {@code path}, or {@link #NO_LENGTH}
   * @param timeoutMs how long the agent may wait for the peer before answering TIMEOUT
   */
  public SyncBarrier(String volume, String path, long minLength, long timeoutMs) {
    this.volume = Objects.requireNonNull(volume, "volume");
    this.path = Objects.requireNonNull(path, "path");
    this.minLength = minLength;
    this.timeoutMs = timeoutMs;
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

  public boolean hasFile() {
    return !path.isEmpty() && minLength >= 0;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  @Override
  public String toString() {
    return "sync barrier on " + volume + (hasFile() ? " for " + path + " up to " + minLength + " bytes" : "");
  }
}
