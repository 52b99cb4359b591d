package io.tandem.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Percentiles (nearest rank) of operation times, in milliseconds; NaN when nothing was timed. */
final class Latencies {
  final int count;
  final double p50Ms;
  final double p99Ms;
  final double maxMs;

  private Latencies(int count, double p50Ms, double p99Ms, double maxMs) {
    this.count = count;
    this.p50Ms = p50Ms;
    this.p99Ms = p99Ms;
    this.maxMs = maxMs;
  }

  static Latencies ofNanos(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Latencies(sorted.length, Units.millis(rank(sorted, 0.50)), Units.millis(rank(sorted, 0.99)),
        Units.millis(sorted[sorted.length - 1]));
  }

  /** The nearest-rank {@code p} percentile of ascending {@code sorted}, which must not be empty. */
  static long rank(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** {@code p99 of this / p99 of base - 1}: +0.12 is 12% slower; NaN when either timed nothing. */
  double p99OverheadOver(Latencies base) {
    return count == 0 || base.count == 0 ? Double.NaN : p99Ms / base.p99Ms - 1;
  }

  static String ms(double ms) {
    return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("p50_ms", Units.round(p50Ms, 2));
    m.put("p99_ms", Units.round(p99Ms, 2));
    m.put("max_ms", Units.round(maxMs, 2));
    return m;
  }
}
