package io.tandem.mirror.link.net;

/** No response arrived within the request timeout; a late response is dropped. */
public final class LinkRequestTimeoutException extends LinkRequestException {
  private static final long serialVersionUID = 1L;

  public LinkRequestTimeoutException(String message) {
    super(message);
  }
}
