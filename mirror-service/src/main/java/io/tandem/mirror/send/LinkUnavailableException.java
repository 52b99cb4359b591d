package io.tandem.mirror.send;

/** The link to the peer is down (or on probation): requests queue in the edit log until it is back. */
public final class LinkUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public LinkUnavailableException(String message) {
    super(message);
  }

  public LinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
