package io.tandem.migrate.move;

import io.tandem.coord.conf.MigrateSettings;
import io.tandem.coord.retry.Backoff;

/**
 * The mover's knobs: the round interval and the cap on migration traffic from {@code tandem.migrate.*}; retries,
 * verification and report freshness as documented defaults.
 */
public final class MoverSettings {
  /** Copy attempts of one move before it is FAILED (the planner may then choose another target). */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  /** Retry backoff: 1 s doubling to 1 min, so a dead target costs a few tries over about half a minute. */
  public static final long DEFAULT_RETRY_BASE_MS = 1000;
  public static final long DEFAULT_RETRY_MAX_MS = 60_000;
  /**
   * How long a copied replica may take to show up at the NameNode (the target's incremental block report) or the
   * source replica to be removed there, before the move is retried (or, when only the removal is missing, done).
   */
  public static final long DEFAULT_VERIFY_TIMEOUT_MS = 60_000;
  /** A load report older than this many report intervals is stale: its DataNode is left out of the round. */
  public static final int STALE_REPORT_INTERVALS = 3;
  /** A copy whose target sends nothing (not even IN_PROGRESS) for this long has failed. */
  public static final int TRANSFER_READ_TIMEOUT_MS = 60_000;

  private final long roundIntervalMs;
  private final long staleReportMs;
  private final long bandwidthBytesPerSec;
  private final int maxAttempts;
  private final Backoff retryBackoff;
  private final long verifyTimeoutMs;

  public MoverSettings(long roundIntervalMs, long bandwidthBytesPerSec, int maxAttempts, Backoff retryBackoff,
      long verifyTimeoutMs) {
    if (roundIntervalMs <= 0 || bandwidthBytesPerSec < 0 || maxAttempts < 1 || verifyTimeoutMs <= 0) {
      throw new IllegalArgumentException("mover settings out of range: round " + roundIntervalMs + " ms, bandwidth "
          + bandwidthBytesPerSec + " B/s, attempts " + maxAttempts + ", verify timeout " + verifyTimeoutMs + " ms");
    }
    this.roundIntervalMs = roundIntervalMs;
    this.staleReportMs = STALE_REPORT_INTERVALS * roundIntervalMs;
    this.bandwidthBytesPerSec = bandwidthBytesPerSec;
    this.maxAttempts = maxAttempts;
    this.retryBackoff = retryBackoff;
    this.verifyTimeoutMs = verifyTimeoutMs;
  }

  /** One round per load report interval; {@code tandem.migrate.bandwidth.mbps} in bytes per second (0: no cap). */
  public static MoverSettings of(MigrateSettings migrate) {
    return new MoverSettings(migrate.reportIntervalMs(), (long) (migrate.bandwidthMbps() * 1_000_000 / 8),
        DEFAULT_MAX_ATTEMPTS, new Backoff(DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_MAX_MS), DEFAULT_VERIFY_TIMEOUT_MS);
  }

  public long roundIntervalMs() {
    return roundIntervalMs;
  }

  public long staleReportMs() {
    return staleReportMs;
  }

  /** 0 when migration traffic is not capped by Tandem (the DataNodes' own balancing cap still holds). */
  public long bandwidthBytesPerSec() {
    return bandwidthBytesPerSec;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Backoff retryBackoff() {
    return retryBackoff;
  }

  public long verifyTimeoutMs() {
    return verifyTimeoutMs;
  }
}
