package io.tandem.mirror.link.net;

/** The connection carrying the request closed before its response arrived; the link itself may still be UP. */
public final class LinkConnectionLostException extends LinkRequestException {
  private static final long serialVersionUID = 1L;

  public LinkConnectionLostException(String message) {
    super(message);
  }
}
