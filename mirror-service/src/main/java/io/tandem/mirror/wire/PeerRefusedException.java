package io.tandem.mirror.wire;

/** The peer sent AUTH_FAILED or ERROR: it refused this side. Nothing is sent back; the connection closes. */
public final class PeerRefusedException extends WireProtocolException {
  private static final long serialVersionUID = 1L;

  public PeerRefusedException(String message) {
    super(message, null);
  }
}
