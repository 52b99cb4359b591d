package io.tandem.mirror.wire;

/** The refusal of a frame that does not belong at this point of a handshake, worded by what the frame is. */
final class HandshakeRefusals {
  private HandshakeRefusals() {}

  static WireProtocolException unexpected(Frame frame, String who, String awaited) {
    switch (frame.type()) {
      case AUTH_FAILED:
        return new PeerRefusedException(who + " refused authentication: " + HandshakeMessages.readNotice(frame));
      case ERROR:
        return new PeerRefusedException(who + " reported an error: " + HandshakeMessages.readNotice(frame));
      default:
        if (!frame.type().allowedBeforeAuthentication()) {
          return new WireProtocolException(frame.type() + " frame before authentication from " + who);
        }
        return new WireProtocolException("unexpected " + frame.type() + " from " + who + " while waiting for "
            + awaited);
    }
  }
}
