package io.tandem.mirror.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A destination's answer to a SHIP_CLAIM, and the reason it gives when it refuses a request of a ship that is not
 * granted to its sender. Carried in {@link MirrorResponse#claim}; a response without one comes from a destination
 * that predates claims.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ShipClaimAnswer {
  public static final int FORMAT = 1;

  /** What the source does next. */
  public enum Outcome {
    /** Ship it: the ship of this snapshot is the asker's while it keeps sending (its lease). */
    GRANTED,
    /** The destination is collecting offers for the snapshot: ask again after {@link #retryMs}. */
    WAIT,
    /** Another source ({@link #holder}) ships it; ask again after {@link #retryMs} if it is still needed. */
    REFUSED,
    /**
     * The destination's live directory is mid-ship of {@link #snapshot}, left by a source that went away: whoever
     * takes over finishes that snapshot first.
     */
    FINISH_FIRST
  }

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("outcome") public final Outcome outcome;
  /** The source the ship is granted to (REFUSED), if any. */
  @JsonProperty("holder") public final String holder;
  @JsonProperty("holderScore") public final Double holderScore;
  /** REFUSED: the snapshot the holder ships; FINISH_FIRST: the snapshot to finish. */
  @JsonProperty("snapshot") public final String snapshot;
  /** When to ask again (WAIT, REFUSED). */
  @JsonProperty("retryMs") public final Long retryMs;
  /**
   * GRANTED: the live directory is mid-ship of the granted snapshot, written last by this site (which may be the
   * asker itself): the ship checks every step against what arrived instead of checking that nothing changed.
   */
  @JsonProperty("midShipBy") public final String midShipBy;

  @JsonCreator
  public ShipClaimAnswer(@JsonProperty("v") int formatVersion, @JsonProperty("outcome") Outcome outcome,
      @JsonProperty("holder") String holder, @JsonProperty("holderScore") Double holderScore,
      @JsonProperty("snapshot") String snapshot, @JsonProperty("retryMs") Long retryMs,
      @JsonProperty("midShipBy") String midShipBy) {
    this.formatVersion = formatVersion;
    this.outcome = outcome;
    this.holder = holder;
    this.holderScore = holderScore;
    this.snapshot = snapshot;
    this.retryMs = retryMs;
    this.midShipBy = midShipBy;
  }

  public static ShipClaimAnswer granted(String midShipBy) {
    return new ShipClaimAnswer(FORMAT, Outcome.GRANTED, null, null, null, null, midShipBy);
  }

  public static ShipClaimAnswer waitFor(long retryMs) {
    return new ShipClaimAnswer(FORMAT, Outcome.WAIT, null, null, null, retryMs, null);
  }

  public static ShipClaimAnswer refused(String holder, double holderScore, String snapshot, long retryMs) {
    return new ShipClaimAnswer(FORMAT, Outcome.REFUSED, holder, holderScore, snapshot, retryMs, null);
  }

  public static ShipClaimAnswer finishFirst(String snapshot) {
    return new ShipClaimAnswer(FORMAT, Outcome.FINISH_FIRST, null, null, snapshot, null, null);
  }

  /** Throws naming what is wrong with an answer that arrived. */
  void check() {
    if (formatVersion != FORMAT) {
      throw new MirrorProtocolException("ship claim answer format " + formatVersion + " is not supported (this side"
          + " speaks " + FORMAT + ")");
    }
    if (outcome == null) {
      throw new MirrorProtocolException("ship claim answer lacks its outcome");
    }
    if (outcome == Outcome.FINISH_FIRST) {
      SnapshotNameCheck.check(snapshot, "ship claim answer FINISH_FIRST");
    }
    if (retryMs != null && (retryMs < 0 || retryMs > 3_600_000)) {
      throw new MirrorProtocolException("ship claim answer retry " + retryMs + " ms is not within 0..3600000");
    }
  }

  /** The answer in words, for logs, status and refusals. */
  public String describe() {
    switch (outcome) {
      case GRANTED:
        return "granted" + (midShipBy == null ? "" : " (mid-ship, last written by " + midShipBy + ")");
      case WAIT:
        return "collecting offers; ask again in " + retryMs + " ms";
      case REFUSED:
        return holder == null ? "not granted: ask for the ship first (SHIP_CLAIM)"
            : "claimed by " + holder + String.format(" (score %.2f)", holderScore == null ? 0 : holderScore)
                + (snapshot == null ? "" : " for " + snapshot);
      default:
        return "mid-ship of " + snapshot + ": that snapshot is finished first";
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
