package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** Operator switches of a volume, set with {@code tandem mirror pause|resume}. */
public final class VolumeControl implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  @JsonProperty("paused") public final boolean paused;
  @JsonProperty("by") public final String by;
  @JsonProperty("atMs") public final long atMs;

  @JsonCreator
  public VolumeControl(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("paused") boolean paused, @JsonProperty("by") String by, @JsonProperty("atMs") long atMs) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.paused = paused;
    this.by = by;
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
