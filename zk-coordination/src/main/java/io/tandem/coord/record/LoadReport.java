package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.List;

/**
 * A DataNode's latest load sample, published as an ephemeral record so every monitor and the planner see it.
 * Kept compact (short field names, rounded numbers, at most a few hot blocks and their shares: about 350 bytes) so a thousand
 * DataNodes reporting every ten seconds stay a light load for ZooKeeper.
 *
 * <p>Rates are over the interval since the DataNode's previous report. {@code pat} is the traffic pattern:
 * {@code idle}, or a direction ({@code read}, {@code write}, {@code mixed}) and an access shape ({@code random}
 * for small operations, {@code sequential} for large ones) joined by '-', e.g. {@code read-random}. {@code ioMs} is
 * 0 where the DataNode does not profile its disks. {@code load} is the publisher's own score against the site table
 * it last read (cluster mean 1); readers score reports themselves from the components with the planner's load
 * model rather than trust it. {@code tt} (active transfer threads) was added within format 1: older records lack it
 * and read as 0.
 */
public final class LoadReport implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("dn") public final String datanodeUuid;
  @JsonProperty("seq") public final long sequence;
  @JsonProperty("t") public final long atMs;
  /** Active transfers (DataXceiver threads), averaged over the report's interval. */
  @JsonProperty("xc") public final double xceivers;
  /** Threads busy with transfers, averaged over the report's interval. */
  @JsonProperty("tt") public final double transferThreads;
  @JsonProperty("rBps") public final long bytesReadPerSec;
  @JsonProperty("wBps") public final long bytesWrittenPerSec;
  @JsonProperty("rBlk") public final double blocksReadPerSec;
  @JsonProperty("wBlk") public final double blocksWrittenPerSec;
  @JsonProperty("ioMs") public final double ioLatencyMs;
  @JsonProperty("pat") public final String pattern;
  @JsonProperty("load") public final double load;
  /** Hottest block ids first. */
  @JsonProperty("hot") public final List<Long> hotBlocks;
  /**
   * Each hot block's share of the node's reads (0 to 1), in the order of {@link #hotBlocks}; empty in a report
   * written before the shares were (readers then estimate them from the ranking).
   */
  @JsonProperty("hs") public final List<Double> hotShares;

  @JsonCreator
  public LoadReport(@JsonProperty("v") int formatVersion, @JsonProperty("dn") String datanodeUuid,
      @JsonProperty("seq") long sequence, @JsonProperty("t") long atMs, @JsonProperty("xc") double xceivers,
      @JsonProperty("tt") double transferThreads,
      @JsonProperty("rBps") long bytesReadPerSec, @JsonProperty("wBps") long bytesWrittenPerSec,
      @JsonProperty("rBlk") double blocksReadPerSec, @JsonProperty("wBlk") double blocksWrittenPerSec,
      @JsonProperty("ioMs") double ioLatencyMs, @JsonProperty("pat") String pattern,
      @JsonProperty("load") double load, @JsonProperty("hot") List<Long> hotBlocks,
      @JsonProperty("hs") List<Double> hotShares) {
    this.formatVersion = formatVersion;
    this.datanodeUuid = datanodeUuid;
    this.sequence = sequence;
    this.atMs = atMs;
    this.xceivers = xceivers;
    this.transferThreads = transferThreads;
    this.bytesReadPerSec = bytesReadPerSec;
    this.bytesWrittenPerSec = bytesWrittenPerSec;
    this.blocksReadPerSec = blocksReadPerSec;
    this.blocksWrittenPerSec = blocksWrittenPerSec;
    this.ioLatencyMs = ioLatencyMs;
    this.pattern = pattern;
    this.load = load;
    this.hotBlocks = hotBlocks == null ? List.of() : List.copyOf(hotBlocks);
    this.hotShares = hotShares == null ? List.of() : List.copyOf(hotShares);
  }

  /** A report whose hot list ranks its blocks without their shares. */
  public LoadReport(int formatVersion, String datanodeUuid, long sequence, long atMs, double xceivers,
      double transferThreads, long bytesReadPerSec, long bytesWrittenPerSec, double blocksReadPerSec,
      double blocksWrittenPerSec, double ioLatencyMs, String pattern, double load, List<Long> hotBlocks) {
    this(formatVersion, datanodeUuid, sequence, atMs, xceivers, transferThreads, bytesReadPerSec, bytesWrittenPerSec,
        blocksReadPerSec, blocksWrittenPerSec, ioLatencyMs, pattern, load, hotBlocks, null);
  }

  /** A report without the transfer-thread count, as format 1 first defined it. */
  public LoadReport(int formatVersion, String datanodeUuid, long sequence, long atMs, double xceivers,
      long bytesReadPerSec, long bytesWrittenPerSec, double blocksReadPerSec, double blocksWrittenPerSec,
      double ioLatencyMs, String pattern, double load, List<Long> hotBlocks) {
    this(formatVersion, datanodeUuid, sequence, atMs, xceivers, 0, bytesReadPerSec, bytesWrittenPerSec,
        blocksReadPerSec, blocksWrittenPerSec, ioLatencyMs, pattern, load, hotBlocks, null);
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }

  @Override
  public String toString() {
    return "load of " + datanodeUuid + " #" + sequence + " (" + pattern + ", xc " + xceivers + ", r " + bytesReadPerSec
        + " B/s, w " + bytesWrittenPerSec + " B/s, score " + load + ", hot " + hotBlocks + ")";
  }
}
