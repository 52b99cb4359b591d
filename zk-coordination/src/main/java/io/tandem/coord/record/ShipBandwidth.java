package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/**
 * The shipping bandwidth set at run time ({@code tandem snapshot bandwidth}): while present it replaces
 * {@code tandem.ship.bandwidth.mbps} and {@code .schedule}; the leading agent applies it within a second.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ShipBandwidth implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  /** The cap where no schedule entry matches, in Mbit/s; 0 for none. */
  @JsonProperty("mbps") public final double mbps;
  /** A schedule in the syntax of {@code tandem.ship.bandwidth.schedule}, or null. */
  @JsonProperty("schedule") public final String schedule;
  @JsonProperty("by") public final String by;
  @JsonProperty("atMs") public final long atMs;

  @JsonCreator
  public ShipBandwidth(@JsonProperty("v") int formatVersion, @JsonProperty("mbps") double mbps,
      @JsonProperty("schedule") String schedule, @JsonProperty("by") String by, @JsonProperty("atMs") long atMs) {
    this.formatVersion = formatVersion;
    this.mbps = mbps;
    this.schedule = schedule;
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
