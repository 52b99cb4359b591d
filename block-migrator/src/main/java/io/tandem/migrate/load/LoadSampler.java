package io.tandem.migrate.load;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns successive readings of a {@link LoadProbe} into {@link LocalLoad} samples: the rates over the window since
 * the previous sample, the traffic pattern, and the hottest blocks of the {@link HotBlockCounter}, whose counts then
 * decay with a half-life of {@link #HALF_LIFE_REPORTS} report intervals, so the ranking follows what the planner's
 * sustain rule looks at (three reports by default) rather than the DataNode's whole history. The transfer gauges
 * (xceivers, transfer threads) are averaged over the readings {@link #observeGauges} took in the window: a single
 * reading of a few concurrent transfers swings from none to several from one instant to the next, and a score built
 * on it would make a DataNode look hot or cool by chance. Not thread-safe: one monitor thread samples and observes.
 */
public final class LoadSampler {
  /** Hot-block counts halve over this many report intervals. */
  public static final int HALF_LIFE_REPORTS = 3;

  private final LoadProbe probe;
  private final HotBlockCounter hot;
  private final int hotListSize;
  private final double halfLifeNanos;
  private final LongSupplier nanoTime;
  private ActivityTotals previous;
  private long previousNanos;
  private double xceiverSum;
  private double transferThreadSum;
  private int gaugeReadings;

  /**
   * @param hot the counter the DataNode's reads are recorded in
   * @param hotListSize blocks listed per sample
   * @param reportIntervalMs the interval samples are taken at, which sets the decay's half-life
   * @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime}
   */
  public LoadSampler(LoadProbe probe, HotBlockCounter hot, int hotListSize, long reportIntervalMs,
      LongSupplier nanoTime) {
    if (hotListSize < 0 || reportIntervalMs <= 0) {
      throw new IllegalArgumentException("hot list size must be >= 0 and the interval > 0, got " + hotListSize
          + " and " + reportIntervalMs + " ms");
    }
    this.probe = probe;
    this.hot = hot;
    this.hotListSize = hotListSize;
    this.halfLifeNanos = HALF_LIFE_REPORTS * reportIntervalMs * 1e6;
    this.nanoTime = nanoTime;
  }

  /** Reads the transfer gauges once, into the averages of the current window. */
  public void observeGauges() {
    xceiverSum += probe.xceivers();
    transferThreadSum += probe.transferThreads();
    gaugeReadings++;
  }

  /**
   * Samples now. The first sample only sets the baseline: its window is empty and its rates idle. The gauges are the
   * mean of the window's readings and one taken now.
   */
  public LocalLoad sample(long atMs) {
    long now = nanoTime.getAsLong();
    ActivityTotals totals = probe.totals();
    ActivityRates rates = previous == null ? ActivityRates.IDLE
        : ActivityRates.between(previous, totals, now - previousNanos);
    List<HotBlock> top = hot.top(hotListSize);
    if (previous != null && now > previousNanos) {
      hot.decay(Math.pow(0.5, (now - previousNanos) / halfLifeNanos));
    }
    previous = totals;
    previousNanos = now;
    observeGauges();
    double xceivers = xceiverSum / gaugeReadings;
    double transferThreads = transferThreadSum / gaugeReadings;
    xceiverSum = 0;
    transferThreadSum = 0;
    gaugeReadings = 0;
    return new LocalLoad(atMs, rates, TrafficPattern.classify(rates), xceivers, transferThreads, probe.ioLatencyMs(),
        top);
  }
}
