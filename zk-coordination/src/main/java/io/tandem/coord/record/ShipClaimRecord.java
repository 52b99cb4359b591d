package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/**
 * On a site that takes a volume's ships from several sources ({@code /<site>/volumes/<v>/ship-claim}): which source
 * the current ship is granted to, whether the volume's live directory is mid-ship (and who wrote it last), and the
 * last snapshot that arrived through a claim. Written by the leader under its fence when any of these changes, so a
 * new leader keeps the grant and knows a directory left mid-ship.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ShipClaimRecord implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  /** The source the ship is granted to; null when none. */
  @JsonProperty("holder") public final String holder;
  @JsonProperty("holderSnapshot") public final String holderSnapshot;
  @JsonProperty("holderScore") public final double holderScore;
  /** True once the holder changed the live directory. */
  @JsonProperty("holderApplying") public final boolean holderApplying;
  /** The snapshot the live directory is mid-ship of; null when it is at a committed snapshot. */
  @JsonProperty("midShipSnapshot") public final String midShipSnapshot;
  @JsonProperty("midShipBy") public final String midShipBy;
  /** The last snapshot committed through a claim, the site that shipped it, and when. */
  @JsonProperty("lastSnapshot") public final String lastSnapshot;
  @JsonProperty("lastBy") public final String lastBy;
  @JsonProperty("lastAtMs") public final long lastAtMs;
  @JsonProperty("updatedAtMs") public final long updatedAtMs;

  @JsonCreator
  public ShipClaimRecord(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("holder") String holder, @JsonProperty("holderSnapshot") String holderSnapshot,
      @JsonProperty("holderScore") double holderScore, @JsonProperty("holderApplying") boolean holderApplying,
      @JsonProperty("midShipSnapshot") String midShipSnapshot, @JsonProperty("midShipBy") String midShipBy,
      @JsonProperty("lastSnapshot") String lastSnapshot, @JsonProperty("lastBy") String lastBy,
      @JsonProperty("lastAtMs") long lastAtMs, @JsonProperty("updatedAtMs") long updatedAtMs) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.holder = holder;
    this.holderSnapshot = holderSnapshot;
    this.holderScore = holderScore;
    this.holderApplying = holderApplying;
    this.midShipSnapshot = midShipSnapshot;
    this.midShipBy = midShipBy;
    this.lastSnapshot = lastSnapshot;
    this.lastBy = lastBy;
    this.lastAtMs = lastAtMs;
    this.updatedAtMs = updatedAtMs;
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
