package io.tandem.migrate.load;

/** Transfer rates over one sampling window: bytes and operations per second, read and written. */
public final class ActivityRates {
  public static final ActivityRates IDLE = new ActivityRates(0, 0, 0, 0, 0);

  private final double bytesReadPerSec;
  private final double bytesWrittenPerSec;
  private final double readOpsPerSec;
  private final double writeOpsPerSec;
  private final long windowNanos;

  ActivityRates(double bytesReadPerSec, double bytesWrittenPerSec, double readOpsPerSec, double writeOpsPerSec,
      long windowNanos) {
    this.bytesReadPerSec = bytesReadPerSec;
    this.bytesWrittenPerSec = bytesWrittenPerSec;
    this.readOpsPerSec = readOpsPerSec;
    this.writeOpsPerSec = writeOpsPerSec;
    this.windowNanos = windowNanos;
  }

  /**
   * The rates between two samples taken {@code elapsedNanos} apart. A counter lower in the later sample than in the
   * earlier one restarted from zero in between (its source was re-created), so everything it counts now is new: its
   * delta is its whole later value, never negative. An empty or backwards window gives {@link #IDLE}.
   */
  public static ActivityRates between(ActivityTotals earlier, ActivityTotals later, long elapsedNanos) {
    if (elapsedNanos <= 0) {
      return IDLE;
    }
    double seconds = elapsedNanos / 1e9;
    return new ActivityRates(
        delta(earlier.bytesRead(), later.bytesRead()) / seconds,
        delta(earlier.bytesWritten(), later.bytesWritten()) / seconds,
        delta(earlier.readOps(), later.readOps()) / seconds,
        delta(earlier.writeOps(), later.writeOps()) / seconds,
        elapsedNanos);
  }

  static long delta(long earlier, long later) {
    return later >= earlier ? later - earlier : later;
  }

  public double bytesReadPerSec() {
    return bytesReadPerSec;
  }

  public double bytesWrittenPerSec() {
    return bytesWrittenPerSec;
  }

  public double readOpsPerSec() {
    return readOpsPerSec;
  }

  public double writeOpsPerSec() {
    return writeOpsPerSec;
  }

  public double bytesPerSec() {
    return bytesReadPerSec + bytesWrittenPerSec;
  }

  public double opsPerSec() {
    return readOpsPerSec + writeOpsPerSec;
  }

  /** The window these rates cover; 0 for {@link #IDLE}. */
  public long windowNanos() {
    return windowNanos;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "read %.0f B/s in %.2f ops/s, written %.0f B/s in %.2f ops/s",
        bytesReadPerSec, readOpsPerSec, bytesWrittenPerSec, writeOpsPerSec);
  }
}
