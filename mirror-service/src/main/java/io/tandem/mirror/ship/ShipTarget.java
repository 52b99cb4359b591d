package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import java.util.Objects;

/**
 * A volume as a ship addresses it at its destination: its name, the destination site, and the destination's
 * directory for it when this site knows it (the peer's {@code remote.path}; null for onward sites, which use their
 * own {@code path}).
 */
final class ShipTarget {
  private final String volume;
  private final String remoteRoot;
  private final String destination;

  ShipTarget(String volume, String remoteRoot, String destination) {
    this.volume = Objects.requireNonNull(volume);
    this.remoteRoot = remoteRoot;
    this.destination = Objects.requireNonNull(destination);
  }

  static ShipTarget of(ShipRoute route) {
    return new ShipTarget(route.volume().name(), route.remoteRoot(), route.destination());
  }

  String volume() {
    return volume;
  }

  String destination() {
    return destination;
  }

  /** True for a site other than the volume's peer (a cascade's further site). */
  boolean onward() {
    return remoteRoot == null;
  }

  MirrorRequest.Builder request(MirrorOp op, long txid, int index, String rel) {
    return MirrorRequest.builder(op, volume, remoteRoot, txid, index).path(rel);
  }
}
