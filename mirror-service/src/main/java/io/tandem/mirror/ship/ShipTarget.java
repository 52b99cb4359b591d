package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import java.util.Objects;

/** A volume as a ship addresses it on the peer: its name and the peer's directory for it. */
final class ShipTarget {
  private final String volume;
  private final String remoteRoot;

  ShipTarget(String volume, String remoteRoot) {
    this.volume = Objects.requireNonNull(volume);
    this.remoteRoot = Objects.requireNonNull(remoteRoot);
  }

  String volume() {
    return volume;
  }

  MirrorRequest.Builder request(MirrorOp op, long txid, int index, String rel) {
    return MirrorRequest.builder(op, volume, remoteRoot, txid, index).path(rel);
  }
}
