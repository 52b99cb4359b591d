package io.tandem.bench;

import java.util.Locale;

/** How the bench prints sizes, rates and times. */
final class Units {
  static final double MIB = 1024.0 * 1024.0;

  private Units() {}

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return trim(n / 1024.0) + " KiB";
    }
    if (n < 1024L * 1024 * 1024) {
      return trim(n / MIB) + " MiB";
    }
    return trim(n / (MIB * 1024)) + " GiB";
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  /** MiB per second of {@code bytes} moved in {@code nanos}. */
  static double mibPerSecond(long bytes, long nanos) {
    return nanos <= 0 ? 0 : bytes / MIB / (nanos / 1e9);
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", seconds(nanos));
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** {@code d} to {@code decimals} places; NaN as null (JSON has no NaN). */
  static Double round(double d, int decimals) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(d * scale) / scale;
  }
}
