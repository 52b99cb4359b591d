package io.tandem.mirror.link;

/**
 * An immutable snapshot of the link's state: its phase, when the link entered it, and what only that phase knows.
 * The subclasses in this package are the only ones (sealed by convention: the constructor is package-private).
 */
public abstract class LinkState {
  private final long sinceMs;

  LinkState(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  public abstract LinkPhase phase();

  /** The time of the event at which the link entered this state. */
  public final long sinceMs() {
    return sinceMs;
  }

  /** Extra words for {@link #toString()}, such as a replay id; empty when the phase says it all. */
  String detail() {
    return "";
  }

  @Override
  public final String toString() {
    return phase() + " since " + sinceMs + " ms" + detail();
  }
}
