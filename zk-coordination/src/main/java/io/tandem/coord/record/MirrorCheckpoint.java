package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** What the peer has acknowledged for a volume: written only after the acknowledgement. */
public final class MirrorCheckpoint implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  @JsonProperty("ackedTxid") public final long ackedTxid;
  @JsonProperty("epoch") public final long epoch;
  @JsonProperty("updatedAtMs") public final long updatedAtMs;
  /** The txid of the last rename the peer acknowledged (0: none known; absent from records written before it). */
  @JsonProperty("renamedThrough") public final long renamedThrough;

  @JsonCreator
  public MirrorCheckpoint(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("ackedTxid") long ackedTxid, @JsonProperty("epoch") long epoch,
      @JsonProperty("updatedAtMs") long updatedAtMs, @JsonProperty("renamedThrough") long renamedThrough) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.ackedTxid = ackedTxid;
    this.epoch = epoch;
    this.updatedAtMs = updatedAtMs;
    this.renamedThrough = renamedThrough;
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
