package io.tandem.coord.conf;

/** Load reporting and load-triggered block migration. */
public final class MigrateSettings {
  private final boolean enabled;
  private final long reportIntervalMs;
  private final double threshold;
  private final int sustainReports;
  private final int maxConcurrentMoves;
  private final double bandwidthMbps;

  MigrateSettings(boolean enabled, long reportIntervalMs, double threshold, int sustainReports,
      int maxConcurrentMoves, double bandwidthMbps) {
    this.enabled = enabled;
    this.reportIntervalMs = reportIntervalMs;
    this.threshold = threshold;
    this.sustainReports = sustainReports;
    this.maxConcurrentMoves = maxConcurrentMoves;
    this.bandwidthMbps = bandwidthMbps;
  }

  public boolean enabled() {
    return enabled;
  }

  public long reportIntervalMs() {
    return reportIntervalMs;
  }

  public double threshold() {
    return threshold;
  }

  public int sustainReports() {
    return sustainReports;
  }

  public int maxConcurrentMoves() {
    return maxConcurrentMoves;
  }

  /** 0 means no cap. */
  public double bandwidthMbps() {
    return bandwidthMbps;
  }
}
