package io.tandem.mirror.ship;

/**
 * The destination does not take this ship from this site now (it collects offers, another source holds it, or it
 * is mid-ship of another snapshot): nothing was sent; ask again after {@link #retryMs()}.
 */
public class ShipDeferredException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long retryMs;

  ShipDeferredException(String message, long retryMs) {
    super(message);
    this.retryMs = retryMs;
  }

  public long retryMs() {
    return retryMs;
  }

  /** The destination is mid-ship of {@link #snapshot()}: whoever ships next finishes that one first. */
  static final class FinishFirst extends ShipDeferredException {
    private static final long serialVersionUID = 1L;
    private final String snapshot;

    FinishFirst(String snapshot) {
      super("the destination is mid-ship of " + snapshot + ", which is finished first", 0);
      this.snapshot = snapshot;
    }

    String snapshot() {
      return snapshot;
    }
  }
}
