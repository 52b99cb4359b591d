package io.tandem.mirror.link.net;

/**
 * The link does not carry requests now: it is not UP or REPLAYING (or it went DOWN, or was closed, while the request
 * waited). Raised at once rather than after a timeout, so the caller queues the request for the replay.
 */
public final class LinkDownException extends LinkRequestException {
  private static final long serialVersionUID = 1L;

  public LinkDownException(String message) {
    super(message);
  }
}
