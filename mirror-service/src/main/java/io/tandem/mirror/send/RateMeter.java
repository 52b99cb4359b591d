package io.tandem.mirror.send;

/**
 * Bytes per second over the last ten seconds, in one-second buckets, so status shows current throughput rather
 * than an average since start. Thread-safe; time is passed in.
 */
public final class RateMeter {
  private static final int BUCKETS = 10;

  private final long[] bytes = new long[BUCKETS];
  private final long[] second = new long[BUCKETS];

  public synchronized void record(long n, long nowMs) {
    long s = nowMs / 1000;
    int i = (int) (s % BUCKETS);
    if (second[i] != s) {
      second[i] = s;
      bytes[i] = 0;
    }
    bytes[i] += n;
  }

  /** Average bytes per second over the last complete ten seconds. */
  public synchronized double perSecond(long nowMs) {
    long s = nowMs / 1000;
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (second[i] < s && second[i] >= s - BUCKETS) {
        sum += bytes[i];
      }
    }
    return sum / (double) BUCKETS;
  }
}
