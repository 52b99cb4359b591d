package io.tandem.mirror.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a source offers with a SHIP_CLAIM request (the snapshot travels in the request's {@code snapshot} field): the
 * format of the offer and the source's load score, lower meaning better placed to ship. A destination that takes
 * the volume's ships from several sources grants each snapshot's ship to one of them.
 */
public final class ShipClaimOffer {
  public static final int FORMAT = 1;
  /** Scores above this are not plausible loads: a hostile or broken source. */
  public static final double MAX_SCORE = 1_000_000;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("score") public final double score;

  @JsonCreator
  public ShipClaimOffer(@JsonProperty("v") int formatVersion, @JsonProperty("score") double score) {
    this.formatVersion = formatVersion;
    this.score = score;
  }

  public static ShipClaimOffer of(double score) {
    return new ShipClaimOffer(FORMAT, score);
  }

  /** Throws naming what is wrong with a SHIP_CLAIM request, or with a claim on any other request. */
  static void check(MirrorRequest r) {
    if (r.op != MirrorOp.SHIP_CLAIM) {
      if (r.claim != null) {
        throw new MirrorProtocolException("mirror request " + r.op + " carries a ship claim; only SHIP_CLAIM may");
      }
      return;
    }
    ShipClaimOffer o = r.claim;
    if (o == null) {
      throw new MirrorProtocolException("SHIP_CLAIM lacks its claim");
    }
    if (o.formatVersion != FORMAT) {
      throw new MirrorProtocolException("ship claim format " + o.formatVersion + " is not supported (this side speaks "
          + FORMAT + ")");
    }
    if (!(o.score >= 0 && o.score <= MAX_SCORE)) {
      throw new MirrorProtocolException("ship claim score " + o.score + " is not within 0.." + (long) MAX_SCORE);
    }
    SnapshotNameCheck.check(r.snapshot, "SHIP_CLAIM");
  }

  @Override
  public String toString() {
    return "score " + score;
  }
}
