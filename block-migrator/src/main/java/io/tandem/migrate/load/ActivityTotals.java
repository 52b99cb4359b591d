package io.tandem.migrate.load;

/**
 * A DataNode's cumulative transfer counters at one instant: bytes and operations read and written since some start.
 * Counters only grow while their source lives; a value lower than the previous sample's means the source restarted
 * from zero (see {@link ActivityRates#between}).
 */
public final class ActivityTotals {
  public static final ActivityTotals ZERO = new ActivityTotals(0, 0, 0, 0);

  private final long bytesRead;
  private final long bytesWritten;
  private final long readOps;
  private final long writeOps;

  public ActivityTotals(long bytesRead, long bytesWritten, long readOps, long writeOps) {
    if (bytesRead < 0 || bytesWritten < 0 || readOps < 0 || writeOps < 0) {
      throw new IllegalArgumentException("counters must be >= 0: read " + bytesRead + " B in " + readOps
          + " ops, written " + bytesWritten + " B in " + writeOps + " ops");
    }
    this.bytesRead = bytesRead;
    this.bytesWritten = bytesWritten;
    this.readOps = readOps;
    this.writeOps = writeOps;
  }

  /** These totals advanced by the given increments (each >= 0). */
  public ActivityTotals plus(long moreBytesRead, long moreBytesWritten, long moreReadOps, long moreWriteOps) {
    return new ActivityTotals(bytesRead + moreBytesRead, bytesWritten + moreBytesWritten, readOps + moreReadOps,
        writeOps + moreWriteOps);
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  /** Block read operations (one per client read request served). */
  public long readOps() {
    return readOps;
  }

  /** Block write operations (one per block replica received). */
  public long writeOps() {
    return writeOps;
  }

  @Override
  public String toString() {
    return "read " + bytesRead + " B in " + readOps + " ops, written " + bytesWritten + " B in " + writeOps + " ops";
  }
}
