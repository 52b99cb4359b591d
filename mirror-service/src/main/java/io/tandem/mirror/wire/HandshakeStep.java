package io.tandem.mirror.wire;

/** What one received handshake frame leads to: a frame to send (or none) and, at the end, the authenticated peer. */
public final class HandshakeStep {
  private final Frame reply;
  private final PeerAuthenticated authenticated;

  HandshakeStep(Frame reply, PeerAuthenticated authenticated) {
    this.reply = reply;
    this.authenticated = authenticated;
  }

  /** The frame to send the peer, or null. */
  public Frame reply() {
    return reply;
  }

  /** The peer once the handshake is complete, else null. */
  public PeerAuthenticated authenticated() {
    return authenticated;
  }

  public boolean isComplete() {
    return authenticated != null;
  }
}
