package io.tandem.mirror.link.net;

import java.io.IOException;

/**
 * A request sent with {@link PeerLink#send} did not get a successful response. The subclass says why; in every case
 * but {@link RemoteRequestFailedException} the peer may or may not have applied it, so the sender keeps it in its
 * backlog and the receiver's sequence numbers discard a duplicate.
 */
public abstract class LinkRequestException extends IOException {
  private static final long serialVersionUID = 1L;

  LinkRequestException(String message) {
    super(message);
  }
}
