package io.tandem.migrate.load;

import java.util.OptionalDouble;

/**
 * A DataNode's counters and gauges, set by the test: moved on by {@link #serve}, or by a steady read rate that
 * accrues between readings.
 */
final class FakeProbe implements LoadProbe {
  volatile ActivityTotals totals = ActivityTotals.ZERO;
  volatile long steadyBytesReadPerSec;
  volatile long steadyReadOpsPerSec;
  private long lastReadNanos = System.nanoTime();
  volatile int xceivers;
  volatile int transferThreads;
  volatile OptionalDouble latency = OptionalDouble.empty();

  /** Adds bytes and operations to the counters, as traffic would. */
  void serve(long bytesRead, long readOps, long bytesWritten, long writeOps) {
    totals = totals.plus(bytesRead, bytesWritten, readOps, writeOps);
  }

  @Override
  public synchronized ActivityTotals totals() {
    long now = System.nanoTime();
    double seconds = (now - lastReadNanos) / 1e9;
    lastReadNanos = now;
    serve((long) (steadyBytesReadPerSec * seconds), (long) (steadyReadOpsPerSec * seconds), 0, 0);
    return totals;
  }

  @Override
  public int xceivers() {
    return xceivers;
  }

  @Override
  public int transferThreads() {
    return transferThreads;
  }

  @Override
  public OptionalDouble ioLatencyMs() {
    return latency;
  }
}
