package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** A volume's role on this site and the epoch of the last role change; every change raises the epoch. */
public final class VolumeRole implements StoredRecord {
  public static final int FORMAT = 1;

  /** PRIMARY accepts client writes and sends; REPLICA refuses client writes and receives. */
  public enum Role { PRIMARY, REPLICA }

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  @JsonProperty("role") public final Role role;
  @JsonProperty("epoch") public final long epoch;
  /** The epoch of a volume's roles as configured, before any role change. */
  public static final long FIRST_EPOCH = 1;
  @JsonProperty("changedAtMs") public final long changedAtMs;
  @JsonProperty("changedBy") public final String changedBy;

  @JsonCreator
  public VolumeRole(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("role") Role role, @JsonProperty("epoch") long epoch,
      @JsonProperty("changedAtMs") long changedAtMs, @JsonProperty("changedBy") String changedBy) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.role = role;
    this.epoch = epoch;
    this.changedAtMs = changedAtMs;
    this.changedBy = changedBy;
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
    return volume + " " + role + " at epoch " + epoch;
  }
}
