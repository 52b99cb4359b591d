package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** The site coordinator's epoch: raised by each new leader before it acts. */
public final class LeaderEpoch implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("epoch") public final long epoch;
  @JsonProperty("leader") public final String leader;
  @JsonProperty("atMs") public final long atMs;

  @JsonCreator
  public LeaderEpoch(@JsonProperty("v") int formatVersion, @JsonProperty("epoch") long epoch,
      @JsonProperty("leader") String leader, @JsonProperty("atMs") long atMs) {
    this.formatVersion = formatVersion;
    this.epoch = epoch;
    this.leader = leader;
    this.atMs = atMs;
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
