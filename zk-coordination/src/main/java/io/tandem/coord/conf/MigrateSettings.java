package io.tandem.coord.conf;

/** Load reporting and load-triggered block migration. */
public final class MigrateSettings {
  private final boolean enabled;
  private final long reportIntervalMs;
  private final int hotBlocks;
  private final double serverWeight;
  private final double storageWeight;
  private final double threshold;
  private final int sustainReports;
  private final int maxConcurrentMoves;
  private final double bandwidthMbps;

  MigrateSettings(boolean enabled, long reportIntervalMs, int hotBlocks, double serverWeight, double storageWeight,
      double threshold, int sustainReports, int maxConcurrentMoves, double bandwidthMbps) {
    this.enabled = enabled;
    this.reportIntervalMs = reportIntervalMs;
    this.hotBlocks = hotBlocks;
    this.serverWeight = serverWeight;
    this.storageWeight = storageWeight;
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

  /** Hot blocks listed in a load report; 0 means none are counted. */
  public int hotBlocks() {
    return hotBlocks;
  }

  /** Weight of server load (transfers, network) in the load score; never 0 together with the storage weight. */
  public double serverWeight() {
    return serverWeight;
  }

  /** Weight of storage load (bytes, I/O latency) in the load score. */
  public double storageWeight() {
    return storageWeight;
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
