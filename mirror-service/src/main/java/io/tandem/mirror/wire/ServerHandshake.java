package io.tandem.mirror.wire;

/**
 * The accepting side of one connection's handshake, free of Netty:
 * HELLO in, CHALLENGE out (or AUTH_OK at once under auth=none), CHALLENGE_RESPONSE in, AUTH_OK out. Any other
 * frame, a malformed payload or a wrong proof throws a {@link WireProtocolException} naming the peer, and the
 * handshake is over. Not thread-safe: one connection's events arrive on one thread.
 */
public final class ServerHandshake {
  private enum State { AWAIT_HELLO, AWAIT_RESPONSE, DONE, FAILED }

  private final LinkAuthenticator authenticator;
  private final String peer;
  private State state = State.AWAIT_HELLO;
  private String clientSiteId;
  private byte[] expectedClientProof;

  ServerHandshake(LinkAuthenticator authenticator, String peer) {
    this.authenticator = authenticator;
    this.peer = peer;
  }

  /** What to answer {@code frame}; when the step is complete the client is authenticated. */
  public HandshakeStep receive(Frame frame) {
    if (state == State.DONE || state == State.FAILED) {
      throw new IllegalStateException("the handshake with " + who() + " is over (" + state + ")");
    }
    try {
      return state == State.AWAIT_HELLO ? onHello(frame) : onChallengeResponse(frame);
    } catch (WireProtocolException e) {
      state = State.FAILED;
      throw e;
    }
  }

  public boolean isComplete() {
    return state == State.DONE;
  }

  private HandshakeStep onHello(Frame frame) {
    if (frame.type() != FrameType.HELLO) {
      throw HandshakeRefusals.unexpected(frame, who(), "HELLO");
    }
    HandshakeMessages.Hello hello = HandshakeMessages.readHello(frame, peer);
    clientSiteId = hello.clientSiteId;
    String serverSiteId = authenticator.localSiteId();
    if (clientSiteId.equals(serverSiteId)) {
      throw new LinkAuthenticationException("the peer at " + peer + " claims this site's own id " + serverSiteId
          + ": tandem.site.id must differ between sites");
    }
    if (!authenticator.requiresSecret()) {
      state = State.DONE;
      return new HandshakeStep(HandshakeMessages.authOk(serverSiteId), new PeerAuthenticated(clientSiteId, false));
    }
    byte[] serverNonce = authenticator.newNonce();
    byte[] serverProof = authenticator.proof(HandshakeProof.Role.SERVER, clientSiteId, serverSiteId,
        hello.clientNonce, serverNonce);
    expectedClientProof = authenticator.proof(HandshakeProof.Role.CLIENT, clientSiteId, serverSiteId,
        hello.clientNonce, serverNonce);
    state = State.AWAIT_RESPONSE;
    return new HandshakeStep(HandshakeMessages.challenge(serverSiteId, serverNonce, serverProof), null);
  }

  private HandshakeStep onChallengeResponse(Frame frame) {
    if (frame.type() != FrameType.CHALLENGE_RESPONSE) {
      throw HandshakeRefusals.unexpected(frame, who(), "CHALLENGE_RESPONSE");
    }
    byte[] clientProof = HandshakeMessages.readChallengeResponse(frame, who());
    if (!HandshakeProof.verify(expectedClientProof, clientProof)) {
      throw new LinkAuthenticationException("wrong secret from " + who()
          + ": its proof does not match tandem.link.secret here");
    }
    state = State.DONE;
    return new HandshakeStep(HandshakeMessages.authOk(authenticator.localSiteId()),
        new PeerAuthenticated(clientSiteId, true));
  }

  private String who() {
    return clientSiteId == null ? "the peer at " + peer : clientSiteId + " at " + peer;
  }
}
