package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.List;

/**
 * A DataNode's latest load sample, published as an ephemeral record so every monitor and the planner see it.
 * Kept compact (short field names, at most a few hot blocks) so a thousand DataNodes reporting every ten seconds
 * stay a light load for ZooKeeper.
 */
public final class LoadReport implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("dn") public final String datanodeUuid;
  @JsonProperty("seq") public final long sequence;
  @JsonProperty("t") public final long atMs;
  @JsonProperty("xc") public final int xceivers;
  @JsonProperty("rBps") public final long bytesReadPerSec;
  @JsonProperty("wBps") public final long bytesWrittenPerSec;
  @JsonProperty("rBlk") public final double blocksReadPerSec;
  @JsonProperty("wBlk") public final double blocksWrittenPerSec;
  @JsonProperty("ioMs") public final double ioLatencyMs;
  @JsonProperty("pat") public final String pattern;
  @JsonProperty("load") public final double load;
  /** Hottest block ids first. */
  @JsonProperty("hot") public final List<Long> hotBlocks;

  @JsonCreator
  public LoadReport(@JsonProperty("v") int formatVersion, @JsonProperty("dn") String datanodeUuid,
      @JsonProperty("seq") long sequence, @JsonProperty("t") long atMs, @JsonProperty("xc") int xceivers,
      @JsonProperty("rBps") long bytesReadPerSec, @JsonProperty("wBps") long bytesWrittenPerSec,
      @JsonProperty("rBlk") double blocksReadPerSec, @JsonProperty("wBlk") double blocksWrittenPerSec,
      @JsonProperty("ioMs") double ioLatencyMs, @JsonProperty("pat") String pattern,
      @JsonProperty("load") double load, @JsonProperty("hot") List<Long> hotBlocks) {
    this.formatVersion = formatVersion;
    this.datanodeUuid = datanodeUuid;
    this.sequence = sequence;
    this.atMs = atMs;
    this.xceivers = xceivers;
    this.bytesReadPerSec = bytesReadPerSec;
    this.bytesWrittenPerSec = bytesWrittenPerSec;
    this.blocksReadPerSec = blocksReadPerSec;
    this.blocksWrittenPerSec = blocksWrittenPerSec;
    this.ioLatencyMs = ioLatencyMs;
    this.pattern = pattern;
    this.load = load;
    this.hotBlocks = hotBlocks == null ? List.of() : List.copyOf(hotBlocks);
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }
}
