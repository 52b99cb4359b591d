package io.tandem.mirror.throttle;

import java.util.ArrayList;
import java.util.List;

/** When bytes were delivered, in simulated nanoseconds, and how much went through in any window. */
final class DeliveryLog {
  private final List<long[]> deliveries = new ArrayList<>();

  void record(long atNanos, long bytes) {
    deliveries.add(new long[] {atNanos, bytes});
  }

  /** Bytes delivered at a time in {@code [from, to)}. */
  long bytesBetween(long from, long to) {
    long sum = 0;
    for (long[] d : deliveries) {
      if (d[0] >= from && d[0] < to) {
        sum += d[1];
      }
    }
    return sum;
  }

  long totalBytes() {
    return bytesBetween(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The windows of length {@code window} starting every 10 ms in {@code [from, to - window]} whose rate is more than
   * {@code tolerance} (a fraction) away from {@code bytesPerSecond}, described for an assertion message; empty when
   * all hold.
   */
  List<String> windowsOffRate(long from, long to, long window, double bytesPerSecond, double tolerance) {
    List<String> off = new ArrayList<>();
    double expected = bytesPerSecond * window / FakeTime.SECOND;
    for (long start = from; start + window <= to; start += 10 * FakeTime.MILLISECOND) {
      long got = bytesBetween(start, start + window);
      if (Math.abs(got - expected) > tolerance * expected) {
        off.add(String.format("[%d ms, +%d ms): %d bytes, expected %.0f", start / FakeTime.MILLISECOND,
            window / FakeTime.MILLISECOND, got, expected));
      }
    }
    return off;
  }
}
