package io.tandem.mirror.claim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ship claims on one volume as its destination holds them. Immutable: {@link ClaimRule} returns a new state for
 * each event. Which source holds the ship ({@link #holder}), whether the live directory is mid-ship
 * ({@link #midShip}) and the last snapshot that arrived through a claim ({@link #last}) are kept in ZooKeeper; the
 * offers being collected ({@link #window}) and the time each holder was last heard from are not.
 */
public final class ClaimState {
  public static final ClaimState EMPTY = new ClaimState(null, null, null, null);

  /** The source the volume's current ship is granted to; null when none is. */
  public final Holder holder;
  /** The snapshot the live directory is being brought to, and by whom; null when it is at a committed snapshot. */
  public final MidShip midShip;
  /** Offers collected before a grant; null when none are. */
  public final Window window;
  /** The last snapshot committed through a claim; null before the first. */
  public final Committed last;

  ClaimState(Holder holder, MidShip midShip, Window window, Committed last) {
    this.holder = holder;
    this.midShip = midShip;
    this.window = window;
    this.last = last;
  }

  /** A state restored from its record: the holder gets a fresh lease from {@code nowMs}. */
  public static ClaimState restored(String holderSite, String holderSnapshot, double holderScore, boolean applying,
      String midShipSnapshot, String midShipBy, String lastSnapshot, String lastBy, long lastAtMs, long nowMs) {
    return new ClaimState(
        holderSite == null ? null : new Holder(holderSite, holderSnapshot, holderScore, nowMs, applying),
        midShipSnapshot == null ? null : new MidShip(midShipSnapshot, midShipBy),
        null,
        lastSnapshot == null ? null : new Committed(lastSnapshot, lastBy, lastAtMs));
  }

  /** This state as a new leader starts from it: no offers collected, the holder's lease starting at {@code nowMs}. */
  public ClaimState restartedAt(long nowMs) {
    Holder h = holder == null ? null : new Holder(holder.site, holder.snapshot, holder.score, nowMs, holder.applying);
    return new ClaimState(h, midShip, null, last);
  }

  ClaimState withHolder(Holder h) {
    return new ClaimState(h, midShip, window, last);
  }

  ClaimState withMidShip(MidShip m) {
    return new ClaimState(holder, m, window, last);
  }

  ClaimState withWindow(Window w) {
    return new ClaimState(holder, midShip, w, last);
  }

  ClaimState withLast(Committed c) {
    return new ClaimState(holder, midShip, window, c);
  }

  /** True when the parts kept in ZooKeeper are the same (the holder's last-heard time aside). */
  public boolean sameRecord(ClaimState o) {
    return Objects.equals(holder == null ? null : holder.key(), o.holder == null ? null : o.holder.key())
        && Objects.equals(midShip, o.midShip) && Objects.equals(last, o.last);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(holder == null ? "not held" : holder.toString());
    if (midShip != null) {
      b.append(", mid-ship of ").append(midShip.snapshot).append(" (last written by ").append(midShip.by).append(')');
    }
    if (window != null) {
      b.append(", ").append(window.offers.size()).append(" offer(s) collected");
    }
    if (last != null) {
      b.append(", last arrived ").append(last.snapshot).append(" from ").append(last.by);
    }
    return b.toString();
  }

  /** The source a ship is granted to. */
  public static final class Holder {
    public final String site;
    public final String snapshot;
    public final double score;
    /** When the holder was last heard from (any request of the volume); its lease runs from here. */
    public final long lastSeenMs;
    /** True once the holder changed anything in the live directory: from then on no better offer displaces it. */
    public final boolean applying;

    Holder(String site, String snapshot, double score, long lastSeenMs, boolean applying) {
      this.site = Objects.requireNonNull(site);
      this.snapshot = Objects.requireNonNull(snapshot);
      this.score = score;
      this.lastSeenMs = lastSeenMs;
      this.applying = applying;
    }

    Holder seen(long nowMs) {
      return new Holder(site, snapshot, score, Math.max(lastSeenMs, nowMs), applying);
    }

    Holder applying(long nowMs) {
      return new Holder(site, snapshot, score, Math.max(lastSeenMs, nowMs), true);
    }

    private String key() {
      return site + "\n" + snapshot + "\n" + score + "\n" + applying;
    }

    @Override
    public String toString() {
      return String.format("held by %s (score %.2f) for %s%s", site, score, snapshot, applying ? ", applying" : "");
    }
  }

  /** The live directory is mid-ship of {@link #snapshot}, written last by {@link #by}. */
  public static final class MidShip {
    public final String snapshot;
    public final String by;

    MidShip(String snapshot, String by) {
      this.snapshot = Objects.requireNonNull(snapshot);
      this.by = Objects.requireNonNull(by);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MidShip && ((MidShip) o).snapshot.equals(snapshot) && ((MidShip) o).by.equals(by);
    }

    @Override
    public int hashCode() {
      return Objects.hash(snapshot, by);
    }
  }

  /** A snapshot committed through a claim. */
  public static final class Committed {
    public final String snapshot;
    public final String by;
    public final long atMs;

    Committed(String snapshot, String by, long atMs) {
      this.snapshot = Objects.requireNonNull(snapshot);
      this.by = Objects.requireNonNull(by);
      this.atMs = atMs;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Committed && ((Committed) o).snapshot.equals(snapshot) && ((Committed) o).by.equals(by)
          && ((Committed) o).atMs == atMs;
    }

    @Override
    public int hashCode() {
      return Objects.hash(snapshot, by, atMs);
    }
  }

  /** One source's offer. */
  public static final class Offer {
    public final String site;
    public final String snapshot;
    public final double score;
    public final long atMs;

    Offer(String site, String snapshot, double score, long atMs) {
      this.site = site;
      this.snapshot = snapshot;
      this.score = score;
      this.atMs = atMs;
    }

    /** Lower score first; equal scores go to the lower site id, so every destination decides alike. */
    boolean betterThan(String otherSite, double otherScore) {
      return score < otherScore || score == otherScore && site.compareTo(otherSite) < 0;
    }
  }

  /** Offers collected since {@link #openedAtMs}, one per source (its latest). */
  public static final class Window {
    public final long openedAtMs;
    public final Map<String, Offer> offers;

    Window(long openedAtMs, Map<String, Offer> offers) {
      this.openedAtMs = openedAtMs;
      this.offers = Collections.unmodifiableMap(new LinkedHashMap<>(offers));
    }

    Window with(Offer o) {
      Map<String, Offer> m = new LinkedHashMap<>(offers);
      m.put(o.site, o);
      return new Window(openedAtMs, m);
    }
  }
}
