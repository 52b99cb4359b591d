package io.tandem.mirror.ship;

/** How large a portion of a ship may grow: steps and estimated bytes, whichever is reached first. */
public final class PortionLimits {
  final int steps;
  final long bytes;

  public PortionLimits(int steps, long bytes) {
    this.steps = steps;
    this.bytes = bytes;
  }
}
