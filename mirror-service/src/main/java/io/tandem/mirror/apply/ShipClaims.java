package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.ShipClaimAnswer;
import java.util.Optional;

/**
 * The receiver's side of ship claims: which of a volume's senders may change it now. A volume with one sender is
 * not contested, so its sender is always granted and admitted.
 */
public interface ShipClaims {
  /** No claims kept: every offer granted, every request admitted (a receiver whose volumes each have one sender). */
  ShipClaims NONE = new ShipClaims() {
    @Override
    public MirrorResponse offer(ReceivingVolume v, String sender, MirrorRequest r) {
      return MirrorResponse.claim(MirrorResponse.Status.APPLIED, ShipClaimAnswer.granted(null));
    }

    @Override
    public Optional<MirrorResponse> admit(ReceivingVolume v, String sender, MirrorOp op) {
      return Optional.empty();
    }

    @Override
    public void committed(ReceivingVolume v, String sender, String snapshot) {
      // nothing kept
    }
  };

  /** Answers a SHIP_CLAIM from {@code sender}. */
  MirrorResponse offer(ReceivingVolume v, String sender, MirrorRequest r);

  /** The refusal of {@code op} from {@code sender}, or empty to apply it; renews the holder's lease. */
  Optional<MirrorResponse> admit(ReceivingVolume v, String sender, MirrorOp op);

  /** {@code sender} committed {@code snapshot} of the volume here. */
  void committed(ReceivingVolume v, String sender, String snapshot);
}
