package io.tandem.mirror.wire;

/**
 * The peer did not authenticate: wrong secret, wrong site, mismatched auth modes, or too slow. The peer is told
 * with AUTH_FAILED.
 */
public class LinkAuthenticationException extends WireProtocolException {
  private static final long serialVersionUID = 1L;

  public LinkAuthenticationException(String message) {
    super(message, FrameType.AUTH_FAILED);
  }
}
