package io.tandem.mirror.wire;

/**
 * The connecting side of one connection's handshake, free of Netty: HELLO out, CHALLENGE in (the server's proof is
 * checked before this side proves anything), CHALLENGE_RESPONSE out, AUTH_OK in. Under auth=none, HELLO out and
 * AUTH_OK in. Refuses a server that skips its proof while this side has a secret, and a server that is not the
 * expected site. Not thread-safe: one connection's events arrive on one thread.
 */
public final class ClientHandshake {
  private enum State { NEW, AWAIT_CHALLENGE, AWAIT_AUTH_OK, DONE, FAILED }

  private final LinkAuthenticator authenticator;
  private final String peer;
  private final String expectedServerSiteId;
  private State state = State.NEW;
  private byte[] clientNonce;
  private String serverSiteId;

  ClientHandshake(LinkAuthenticator authenticator, String peer, String expectedServerSiteId) {
    this.authenticator = authenticator;
    this.peer = peer;
    this.expectedServerSiteId = expectedServerSiteId;
  }

  /** The HELLO that opens the handshake. */
  public Frame hello() {
    if (state != State.NEW) {
      throw new IllegalStateException("HELLO was already sent to " + peer);
    }
    clientNonce = authenticator.newNonce();
    state = State.AWAIT_CHALLENGE;
    return HandshakeMessages.hello(authenticator.localSiteId(), clientNonce);
  }

  /** What to answer {@code frame}; when the step is complete the server is authenticated. */
  public HandshakeStep receive(Frame frame) {
    if (state != State.AWAIT_CHALLENGE && state != State.AWAIT_AUTH_OK) {
      throw new IllegalStateException("the handshake with " + who() + " is not waiting for a frame (" + state + ")");
    }
    try {
      return state == State.AWAIT_CHALLENGE ? onFirstReply(frame) : onAuthOk(frame);
    } catch (WireProtocolException e) {
      state = State.FAILED;
      throw e;
    }
  }

  public boolean isComplete() {
    return state == State.DONE;
  }

  private HandshakeStep onFirstReply(Frame frame) {
    if (frame.type() == FrameType.CHALLENGE) {
      return onChallenge(frame);
    }
    if (frame.type() != FrameType.AUTH_OK) {
      throw HandshakeRefusals.unexpected(frame, who(), "CHALLENGE");
    }
    if (authenticator.requiresSecret()) {
      throw new LinkAuthenticationException(who() + " accepted this site without proving it knows tandem.link.secret;"
          + " is tandem.link.auth=none set there?");
    }
    serverSiteId = checkServerSiteId(HandshakeMessages.readAuthOk(frame, peer));
    state = State.DONE;
    return new HandshakeStep(null, new PeerAuthenticated(serverSiteId, false));
  }

  private HandshakeStep onChallenge(Frame frame) {
    if (!authenticator.requiresSecret()) {
      throw new LinkAuthenticationException(who() + " requires the shared secret (tandem.link.secret), but"
          + " tandem.link.auth=none here");
    }
    HandshakeMessages.Challenge challenge = HandshakeMessages.readChallenge(frame, peer);
    serverSiteId = checkServerSiteId(challenge.serverSiteId);
    String clientSiteId = authenticator.localSiteId();
    byte[] expectedServerProof = authenticator.proof(HandshakeProof.Role.SERVER, clientSiteId, serverSiteId,
        clientNonce, challenge.serverNonce);
    if (!HandshakeProof.verify(expectedServerProof, challenge.serverProof)) {
      throw new LinkAuthenticationException("wrong secret from " + who()
          + ": its proof does not match tandem.link.secret here");
    }
    byte[] clientProof = authenticator.proof(HandshakeProof.Role.CLIENT, clientSiteId, serverSiteId, clientNonce,
        challenge.serverNonce);
    state = State.AWAIT_AUTH_OK;
    return new HandshakeStep(HandshakeMessages.challengeResponse(clientProof), null);
  }

  private HandshakeStep onAuthOk(Frame frame) {
    if (frame.type() != FrameType.AUTH_OK) {
      throw HandshakeRefusals.unexpected(frame, who(), "AUTH_OK");
    }
    String confirmed = HandshakeMessages.readAuthOk(frame, peer);
    if (!confirmed.equals(serverSiteId)) {
      throw new WireProtocolException("AUTH_OK from " + who() + " names site " + confirmed
          + ", but its CHALLENGE named " + serverSiteId);
    }
    state = State.DONE;
    return new HandshakeStep(null, new PeerAuthenticated(serverSiteId, true));
  }

  private String checkServerSiteId(String claimed) {
    if (claimed.equals(authenticator.localSiteId())) {
      throw new LinkAuthenticationException("the peer at " + peer + " claims this site's own id " + claimed
          + ": tandem.site.id must differ between sites");
    }
    if (expectedServerSiteId != null && !expectedServerSiteId.equals(claimed)) {
      throw new LinkAuthenticationException("expected site " + expectedServerSiteId + " at " + peer
          + ", but it is site " + claimed);
    }
    return claimed;
  }

  private String who() {
    return serverSiteId == null ? "the peer at " + peer : serverSiteId + " at " + peer;
  }
}
