package io.tandem.migrate.plan;

import io.tandem.coord.conf.MigrateSettings;

/**
 * The planner's knobs: those {@code tandem.migrate.*} configures (threshold, sustain reports, moves per DataNode,
 * load weights) and the planner's own, each with a documented default.
 */
public final class PlannerSettings {
  /** Fraction above the cluster mean that counts as hot; as {@code tandem.migrate.threshold}. */
  public static final double DEFAULT_THRESHOLD = 0.25;
  /**
   * Where a hot DataNode counts as cooled, as a fraction of the threshold: 0.5 means cooled at or below
   * mean * (1 + threshold / 2). Leaves a band between the two lines where a hot node stays hot and a cool one stays
   * cool, so a node hovering at the edge does not flap.
   */
  public static final double DEFAULT_COOL_FRACTION = 0.5;
  /** Hot reports in a row before a DataNode is hot; as {@code tandem.migrate.sustain.reports}. */
  public static final int DEFAULT_SUSTAIN_REPORTS = 3;
  /** Moves per DataNode at once, as source or target; as {@code tandem.migrate.max.concurrent.moves}. */
  public static final int DEFAULT_MAX_CONCURRENT_MOVES = 2;
  /** Weight of server load (transfers and network) in the load score; as {@code tandem.migrate.weight.server}. */
  public static final double DEFAULT_SERVER_WEIGHT = 0.5;
  /** Weight of storage load (bytes and I/O latency) in the load score; as {@code tandem.migrate.weight.storage}. */
  public static final double DEFAULT_STORAGE_WEIGHT = 0.5;
  /**
   * A block moved this recently is not moved again: long against the time a move and the reports after it take
   * (report interval 5 s, sustain 3), so a block's heat has settled on its new DataNode before it is judged again.
   */
  public static final long DEFAULT_BLOCK_COOLDOWN_MS = 30 * 60_000L;
  /** A DataNode whose last move failed this recently is neither a source nor a target. */
  public static final long DEFAULT_FAILURE_BACKOFF_MS = 5 * 60_000L;
  /**
   * Report intervals a completed move may take to show fully in its target's report (see {@link #settleMs}): the
   * source replica's deletion waits for a DataNode heartbeat, readers move on their next read, and the report after
   * that averages a whole interval.
   */
  public static final int SETTLE_REPORT_INTERVALS = 5;
  /** {@link #SETTLE_REPORT_INTERVALS} of the default 5 s report interval. */
  public static final long DEFAULT_SETTLE_MS = SETTLE_REPORT_INTERVALS * 5_000L;

  private final HotRule hotRule;
  private final int sustainReports;
  private final int maxConcurrentMoves;
  private final double serverWeight;
  private final double storageWeight;
  private final long blockCooldownMs;
  private final long failureBackoffMs;
  private final long settleMs;

  private PlannerSettings(Builder b) {
    this.hotRule = new HotRule(b.threshold, b.coolFraction);
    this.sustainReports = b.sustainReports;
    this.maxConcurrentMoves = b.maxConcurrentMoves;
    this.serverWeight = b.serverWeight;
    this.storageWeight = b.storageWeight;
    this.blockCooldownMs = b.blockCooldownMs;
    this.failureBackoffMs = b.failureBackoffMs;
    this.settleMs = b.settleMs;
  }

  /** Every knob at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Threshold, sustain reports, moves per DataNode and the load weights from the parsed configuration, the settle
   * time from its report interval; the rest at their defaults.
   */
  public static Builder builder(MigrateSettings migrate) {
    return new Builder()
        .settleMs(SETTLE_REPORT_INTERVALS * migrate.reportIntervalMs())
        .threshold(migrate.threshold())
        .sustainReports(migrate.sustainReports())
        .maxConcurrentMoves(migrate.maxConcurrentMoves())
        .weights(migrate.serverWeight(), migrate.storageWeight());
  }

  public static PlannerSettings defaults() {
    return builder().build();
  }

  public HotRule hotRule() {
    return hotRule;
  }

  public int sustainReports() {
    return sustainReports;
  }

  public int maxConcurrentMoves() {
    return maxConcurrentMoves;
  }

  public double serverWeight() {
    return serverWeight;
  }

  public double storageWeight() {
    return storageWeight;
  }

  public long blockCooldownMs() {
    return blockCooldownMs;
  }

  public long failureBackoffMs() {
    return failureBackoffMs;
  }

  /**
   * How long after a move completed its load still counts on its target (and off its source) in the planner's
   * projection, unless the target's report is at least this much younger than the move. A report averages the
   * interval before it, readers follow a moved replica only once its source copy is deleted and they ask the NameNode
   * again, and block heat decays over several reports: until then the target's report understates what it carries,
   * and without this a round right after a move would see the target as cool as before and stack a second hot block
   * on it.
   */
  public long settleMs() {
    return settleMs;
  }

  @Override
  public String toString() {
    return hotRule + ", sustain " + sustainReports + " reports, " + maxConcurrentMoves + " moves per DataNode, weights "
        + serverWeight + " server / " + storageWeight + " storage, block cooldown " + blockCooldownMs
        + " ms, failure backoff " + failureBackoffMs + " ms, settle " + settleMs + " ms";
  }

  /** Collects knobs; {@link #build} validates them all. */
  public static final class Builder {
    private double threshold = DEFAULT_THRESHOLD;
    private double coolFraction = DEFAULT_COOL_FRACTION;
    private int sustainReports = DEFAULT_SUSTAIN_REPORTS;
    private int maxConcurrentMoves = DEFAULT_MAX_CONCURRENT_MOVES;
    private double serverWeight = DEFAULT_SERVER_WEIGHT;
    private double storageWeight = DEFAULT_STORAGE_WEIGHT;
    private long blockCooldownMs = DEFAULT_BLOCK_COOLDOWN_MS;
    private long failureBackoffMs = DEFAULT_FAILURE_BACKOFF_MS;
    private long settleMs = DEFAULT_SETTLE_MS;

    private Builder() {
    }

    public Builder threshold(double value) {
      this.threshold = value;
      return this;
    }

    public Builder coolFraction(double value) {
      this.coolFraction = value;
      return this;
    }

    public Builder sustainReports(int value) {
      this.sustainReports = value;
      return this;
    }

    public Builder maxConcurrentMoves(int value) {
      this.maxConcurrentMoves = value;
      return this;
    }

    public Builder weights(double server, double storage) {
      this.serverWeight = server;
      this.storageWeight = storage;
      return this;
    }

    public Builder blockCooldownMs(long value) {
      this.blockCooldownMs = value;
      return this;
    }

    public Builder failureBackoffMs(long value) {
      this.failureBackoffMs = value;
      return this;
    }

    public Builder settleMs(long value) {
      this.settleMs = value;
      return this;
    }

    /** @throws IllegalArgumentException naming the first knob out of range */
    public PlannerSettings build() {
      if (sustainReports < 1) {
        throw new IllegalArgumentException("sustain reports must be >= 1, got " + sustainReports);
      }
      if (maxConcurrentMoves < 1) {
        throw new IllegalArgumentException("max concurrent moves must be >= 1, got " + maxConcurrentMoves);
      }
      if (!(serverWeight >= 0) || !(storageWeight >= 0) || !(serverWeight + storageWeight > 0)
          || Double.isInfinite(serverWeight + storageWeight)) {
        throw new IllegalArgumentException("load weights must be finite, >= 0 and not both 0, got server "
            + serverWeight + ", storage " + storageWeight);
      }
      if (blockCooldownMs < 0) {
        throw new IllegalArgumentException("block cooldown must be >= 0 ms, got " + blockCooldownMs);
      }
      if (failureBackoffMs < 0) {
        throw new IllegalArgumentException("failure backoff must be >= 0 ms, got " + failureBackoffMs);
      }
      if (settleMs < 0) {
        throw new IllegalArgumentException("settle time must be >= 0 ms, got " + settleMs);
      }
      return new PlannerSettings(this);
    }
  }
}
