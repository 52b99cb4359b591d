package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.protocol.ShipClaimAnswer;
import io.tandem.mirror.protocol.ShipClaimOffer;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.MirrorTransport;
import java.io.IOException;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the destination for the ship of a snapshot before any change is sent (SHIP_CLAIM with this site's load
 * score). A destination that predates claims refuses the request as malformed; the ship then goes ahead unclaimed,
 * as before cascades.
 */
final class ShipClaimer {
  private static final Logger LOG = LoggerFactory.getLogger(ShipClaimer.class);
  /** When a refusal without a claim (a configuration or role problem at the destination) is asked about again. */
  static final long REFUSED_RETRY_MS = 10_000;

  private final MirrorTransport transport;
  private final ShipTarget target;
  private final LongSupplier epoch;
  private final DoubleSupplier score;

  ShipClaimer(MirrorTransport transport, ShipTarget target, LongSupplier epoch, DoubleSupplier score) {
    this.transport = transport;
    this.target = target;
    this.epoch = epoch;
    this.score = score;
  }

  /**
   * Claims the ship of {@code snapshot}.
   *
   * @return the site that left the destination mid-ship of this snapshot (possibly this one), or null when it is at
   *     a committed snapshot
   * @throws ShipDeferredException when the destination does not grant it now
   */
  String claim(String snapshot)
      throws ShipDeferredException, LinkUnavailableException, InterruptedException, IOException {
    double offered = score.getAsDouble();
    MirrorResponse r = transport.call(epoch.getAsLong(), target.request(MirrorOp.SHIP_CLAIM, 0, 0, "")
        .snapshot(snapshot).claim(ShipClaimOffer.of(offered)).build());
    ShipClaimAnswer a = r.claim;
    if (a == null) {
      if (r.status == Status.REFUSED && r.message != null && r.message.contains(MirrorOp.SHIP_CLAIM.name())) {
        LOG.debug("Volume {}: the destination predates ship claims ({}); shipping unclaimed", target.volume(),
            r.message);
        return null;
      }
      if (r.status == Status.REFUSED) {
        throw new ShipDeferredException("the destination refused the ship: " + r.message, REFUSED_RETRY_MS);
      }
      throw new IOException("the destination could not decide the ship claim: " + r);
    }
    switch (a.outcome) {
      case GRANTED:
        return a.midShipBy;
      case FINISH_FIRST:
        throw new ShipDeferredException.FinishFirst(a.snapshot);
      default:
        throw new ShipDeferredException(String.format("%s (this site offered score %.2f)", a.describe(), offered),
            a.retryMs == null ? REFUSED_RETRY_MS : a.retryMs);
    }
  }
}
