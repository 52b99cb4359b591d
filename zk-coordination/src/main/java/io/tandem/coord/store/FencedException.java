package io.tandem.coord.store;

/** A write was refused because its fence no longer holds (the writer lost leadership, or the epoch moved on). */
public final class FencedException extends Exception {
  private static final long serialVersionUID = 1L;

  public FencedException(String message) {
    super(message);
  }
}
