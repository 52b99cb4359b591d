package io.tandem.mirror.ship;

import java.util.List;

/** The peer's copy changed since the common snapshot and the ship was not allowed to roll it back. */
public final class ShipRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<String> differences;

  ShipRefusedException(String message, List<String> differences) {
    super(message);
    this.differences = List.copyOf(differences);
  }

  public List<String> differences() {
    return differences;
  }
}
