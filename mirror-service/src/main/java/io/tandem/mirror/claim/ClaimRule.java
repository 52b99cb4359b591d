package io.tandem.mirror.claim;

import io.tandem.mirror.claim.ClaimState.Committed;
import io.tandem.mirror.claim.ClaimState.Holder;
import io.tandem.mirror.claim.ClaimState.MidShip;
import io.tandem.mirror.claim.ClaimState.Offer;
import io.tandem.mirror.claim.ClaimState.Window;
import io.tandem.mirror.protocol.ShipClaimAnswer;

/**
 * Which source ships a snapshot to this site, when several may (a cascade's destination): pure, on a caller's
 * clock, one volume at a time.
 *
 * <ul>
 *   <li>A source asks before shipping (SHIP_CLAIM with its load score). With no holder, the first offer opens a
 *       window of {@code windowMs}; offers inside it are answered WAIT; the first offer after it closes grants the
 *       ship to the best offer collected (lowest score, then lowest site id).
 *   <li>The holder keeps the ship while it is heard from (any request of the volume renews its lease of
 *       {@code leaseMs}). Until it changes anything, a better offer takes the ship from it.
 *   <li>Once its lease has run out, others may offer again; if it left the live directory mid-ship, only that
 *       snapshot may be claimed (FINISH_FIRST), and the grant says the directory is mid-ship, so the new holder
 *       checks each step against what arrived.
 *   <li>Only the holder's changes are applied; committing the snapshot ends the claim.
 * </ul>
 *
 * A volume that takes ships from one site only is not contested: every offer is granted, every request admitted.
 */
public final class ClaimRule {
  /** Longest a refused source waits before asking again, so it notices a finished or abandoned ship soon. */
  static final long MAX_RETRY_MS = 5000;
  static final long MIN_RETRY_MS = 100;

  private final long windowMs;
  private final long leaseMs;

  public ClaimRule(long windowMs, long leaseMs) {
    if (windowMs < 0 || leaseMs <= 0) {
      throw new IllegalArgumentException("window " + windowMs + " ms and lease " + leaseMs + " ms");
    }
    this.windowMs = windowMs;
    this.leaseMs = leaseMs;
  }

  public long leaseMs() {
    return leaseMs;
  }

  /** A decision: the state after it, and the answer (null when a request is admitted). */
  public static final class Result {
    public final ClaimState state;
    public final ShipClaimAnswer answer;

    Result(ClaimState state, ShipClaimAnswer answer) {
      this.state = state;
      this.answer = answer;
    }

    public boolean admitted() {
      return answer == null;
    }
  }

  /** True while the holder's lease runs. */
  public boolean live(Holder h, long nowMs) {
    return h != null && nowMs - h.lastSeenMs <= leaseMs;
  }

  /** {@code site} asks for the ship of {@code snapshot} with {@code score}. */
  public Result offer(ClaimState s, String site, String snapshot, double score, boolean contested, long nowMs) {
    if (!contested) {
      return new Result(s, ShipClaimAnswer.granted(null));
    }
    Holder h = s.holder;
    MidShip mid = s.midShip;
    if (h != null && h.site.equals(site)) {
      if (mid != null && !mid.snapshot.equals(snapshot)) {
        return new Result(s.withHolder(h.seen(nowMs)), ShipClaimAnswer.finishFirst(mid.snapshot));
      }
      Holder renewed = h.applying ? h.seen(nowMs) : new Holder(site, snapshot, score, nowMs, false);
      return new Result(s.withHolder(renewed).withWindow(null), ShipClaimAnswer.granted(midShipBy(mid)));
    }
    Offer offer = new Offer(site, snapshot, score, nowMs);
    if (live(h, nowMs)) {
      boolean sameTarget = mid == null || mid.snapshot.equals(snapshot);
      if (!h.applying && sameTarget && offer.betterThan(h.site, h.score)) {
        return grant(s, offer);
      }
      return new Result(s, refusal(h, nowMs));
    }
    if (mid != null && !mid.snapshot.equals(snapshot)) {
      return new Result(s, ShipClaimAnswer.finishFirst(mid.snapshot));
    }
    Window w = s.window;
    if (w == null || nowMs - w.openedAtMs > windowMs + leaseMs) {
      w = new Window(nowMs, java.util.Map.of());
    }
    w = w.with(offer);
    long closesAt = w.openedAtMs + windowMs;
    if (nowMs < closesAt) {
      return new Result(s.withWindow(w), ShipClaimAnswer.waitFor(closesAt - nowMs));
    }
    Offer best = offer;
    for (Offer o : w.offers.values()) {
      // An offer made inside the window was told to wait until it closes: it stands until then, and a lease after.
      boolean fresh = nowMs - Math.max(o.atMs, closesAt) <= leaseMs;
      boolean sameTarget = mid == null || mid.snapshot.equals(o.snapshot);
      if (fresh && sameTarget && o.betterThan(best.site, best.score)) {
        best = o;
      }
    }
    if (best == offer) {
      return grant(s, offer);
    }
    // Its lease runs from when it was told to come back (the window's close), as its offer's freshness did.
    Holder chosen = new Holder(best.site, best.snapshot, best.score, Math.max(best.atMs, closesAt), false);
    return new Result(s.withHolder(chosen).withWindow(null), refusal(chosen, nowMs));
  }

  private Result grant(ClaimState s, Offer o) {
    Holder h = new Holder(o.site, o.snapshot, o.score, o.atMs, false);
    return new Result(s.withHolder(h).withWindow(null), ShipClaimAnswer.granted(midShipBy(s.midShip)));
  }

  private static String midShipBy(MidShip mid) {
    return mid == null ? null : mid.by;
  }

  private ShipClaimAnswer refusal(Holder h, long nowMs) {
    long leaseLeft = h.lastSeenMs + leaseMs - nowMs + 1;
    return ShipClaimAnswer.refused(h.site, h.score, h.snapshot,
        Math.max(MIN_RETRY_MS, Math.min(MAX_RETRY_MS, leaseLeft)));
  }

  /**
   * A request of the volume from {@code site}: any request from the holder renews its lease; a change
   * ({@code mutating}) is admitted only from the holder, and its first marks the live directory mid-ship.
   */
  public Result admit(ClaimState s, String site, boolean mutating, boolean contested, long nowMs) {
    if (!contested) {
      return new Result(s, null);
    }
    Holder h = s.holder;
    boolean holder = h != null && h.site.equals(site);
    if (!mutating) {
      return new Result(holder ? s.withHolder(h.seen(nowMs)) : s, null);
    }
    if (!holder) {
      return new Result(s, h == null ? ShipClaimAnswer.refused(null, 0, null, MIN_RETRY_MS) : refusal(h, nowMs));
    }
    if (h.applying) {
      return new Result(s.withHolder(h.seen(nowMs)), null);
    }
    return new Result(s.withHolder(h.applying(nowMs)).withMidShip(new MidShip(h.snapshot, site)), null);
  }

  /** {@code site} committed {@code snapshot} here: its claim ends and the live directory is at that snapshot. */
  public ClaimState committed(ClaimState s, String site, String snapshot, boolean contested, long nowMs) {
    if (!contested || s.holder == null || !s.holder.site.equals(site)) {
      return s;
    }
    return new ClaimState(null, null, null, new Committed(snapshot, site, nowMs));
  }
}
