package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** A ship asked for by hand ({@code tandem snapshot ship}): the leading agent ships it, then removes the request. */
public final class ShipRequest implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  @JsonProperty("snapshot") public final String snapshot;
  /** Roll the peer back to the common snapshot if it changed since (keeping its state in a snapshot first). */
  @JsonProperty("force") public final boolean force;
  @JsonProperty("by") public final String by;
  @JsonProperty("atMs") public final long atMs;

  @JsonCreator
  public ShipRequest(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("snapshot") String snapshot, @JsonProperty("force") boolean force, @JsonProperty("by") String by,
      @JsonProperty("atMs") long atMs) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.snapshot = snapshot;
    this.force = force;
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
