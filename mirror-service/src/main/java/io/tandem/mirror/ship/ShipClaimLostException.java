package io.tandem.mirror.ship;

/**
 * The destination refused a step of a ship because the ship is granted to another source now (this source was
 * silent for a whole lease, or a better one took it before anything was applied). Unchecked, so it passes the
 * senders unchanged; the ship stops, and asks for the ship again before going on.
 */
public final class ShipClaimLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ShipClaimLostException(String message) {
    super(message);
  }
}
