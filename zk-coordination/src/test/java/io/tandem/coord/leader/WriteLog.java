package io.tandem.coord.leader;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** The record test leaders keep writing: the epoch and writer of the last accepted write. */
public final class WriteLog implements StoredRecord {
  static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("epoch") public final long epoch;
  @JsonProperty("writer") public final String writer;
  @JsonProperty("count") public final long count;

  @JsonCreator
  public WriteLog(@JsonProperty("v") int formatVersion, @JsonProperty("epoch") long epoch,
      @JsonProperty("writer") String writer, @JsonProperty("count") long count) {
    this.formatVersion = formatVersion;
    this.epoch = epoch;
    this.writer = writer;
    this.count = count;
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
