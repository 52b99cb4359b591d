package io.tandem.migrate.load;

import java.util.List;
import java.util.OptionalDouble;

/** One sample of this DataNode's own load: the rates of the window it closes and the gauges read at its end. */
public final class LocalLoad {
  private final long atMs;
  private final ActivityRates rates;
  private final TrafficPattern pattern;
  private final double xceivers;
  private final double transferThreads;
  private final OptionalDouble ioLatencyMs;
  private final List<HotBlock> hotBlocks;

  public LocalLoad(long atMs, ActivityRates rates, TrafficPattern pattern, double xceivers, double transferThreads,
      OptionalDouble ioLatencyMs, List<HotBlock> hotBlocks) {
    this.atMs = atMs;
    this.rates = rates;
    this.pattern = pattern;
    this.xceivers = xceivers;
    this.transferThreads = transferThreads;
    this.ioLatencyMs = ioLatencyMs;
    this.hotBlocks = List.copyOf(hotBlocks);
  }

  /** Wall-clock time of the sample. */
  public long atMs() {
    return atMs;
  }

  public ActivityRates rates() {
    return rates;
  }

  public TrafficPattern pattern() {
    return pattern;
  }

  /** Active transfers, averaged over the window. */
  public double xceivers() {
    return xceivers;
  }

  /** Threads busy with transfers, averaged over the window. */
  public double transferThreads() {
    return transferThreads;
  }

  /** Empty where the DataNode does not profile its disks. */
  public OptionalDouble ioLatencyMs() {
    return ioLatencyMs;
  }

  /** The most read blocks, hottest first. */
  public List<HotBlock> hotBlocks() {
    return hotBlocks;
  }

  @Override
  public String toString() {
    return pattern + ", " + rates + ", xceivers " + xceivers + ", hot " + hotBlocks;
  }
}
