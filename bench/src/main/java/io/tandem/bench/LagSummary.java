package io.tandem.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Percentiles of per-file lags (nearest rank), in milliseconds. */
final class LagSummary {
  final int count;
  final double p50Ms;
  final double p90Ms;
  final double p99Ms;
  final double maxMs;
  final double meanMs;

  private LagSummary(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs) {
    this.count = count;
    this.p50Ms = p50Ms;
    this.p90Ms = p90Ms;
    this.p99Ms = p99Ms;
    this.maxMs = maxMs;
    this.meanMs = meanMs;
  }

  static LagSummary of(List<ArrivalTracker.Arrival> arrivals) {
    long[] lags = arrivals.stream().mapToLong(ArrivalTracker.Arrival::lagNanos).sorted().toArray();
    if (lags.length == 0) {
      return new LagSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new LagSummary(lags.length, Units.millis(Latencies.rank(lags, 0.50)),
        Units.millis(Latencies.rank(lags, 0.90)), Units.millis(Latencies.rank(lags, 0.99)),
        Units.millis(lags[lags.length - 1]), Units.millis((long) Arrays.stream(lags).average().orElse(0)));
  }

  String text() {
    if (count == 0) {
      return "no files";
    }
    return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  max %s  (%d files)", ms(p50Ms), ms(p90Ms), ms(p99Ms),
        ms(maxMs), count);
  }

  static String ms(double ms) {
    return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", count);
    m.put("p50_ms", round(p50Ms));
    m.put("p90_ms", round(p90Ms));
    m.put("p99_ms", round(p99Ms));
    m.put("max_ms", round(maxMs));
    m.put("mean_ms", round(meanMs));
    return m;
  }

  static Double round(double d) {
    return Units.round(d, 1);
  }
}
