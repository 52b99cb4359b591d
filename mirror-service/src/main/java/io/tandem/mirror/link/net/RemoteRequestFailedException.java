package io.tandem.mirror.link.net;

/** The peer received the request and its handler failed; the message carries the peer's reason. */
public final class RemoteRequestFailedException extends LinkRequestException {
  private static final long serialVersionUID = 1L;

  public RemoteRequestFailedException(String message) {
    super(message);
  }
}
