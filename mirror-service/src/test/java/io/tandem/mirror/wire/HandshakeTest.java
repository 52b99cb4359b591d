package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The handshake as pure logic: no Netty, frames handed across by hand. */
class HandshakeTest {
  private static final String CLIENT_ADDR = "/10.0.0.2:40000";
  private static final String SERVER_ADDR = "/10.0.0.1:7070";
  private static final LinkSecret SECRET = LinkSecret.of("correct horse battery staple 42");
  private static final LinkSecret OTHER_SECRET = LinkSecret.of("a different secret altogether");

  private final LinkAuthenticator siteA = LinkAuthenticator.withSecret("site-a", SECRET);
  private final LinkAuthenticator siteB = LinkAuthenticator.withSecret("site-b", SECRET);

  @Test
  void rightSecretAuthenticatesBothWays() {
    ClientHandshake client = siteB.newClientHandshake(SERVER_ADDR, "site-a");
    ServerHandshake server = siteA.newServerHandshake(CLIENT_ADDR);

    HandshakeStep challenge = server.receive(client.hello());
    assertEquals(FrameType.CHALLENGE, challenge.reply().type());
    assertFalse(challenge.isComplete());

    HandshakeStep response = client.receive(challenge.reply());
    assertEquals(FrameType.CHALLENGE_RESPONSE, response.reply().type());
    assertFalse(response.isComplete(), "the client is done only when the server confirms");

    HandshakeStep ok = server.receive(response.reply());
    assertEquals(FrameType.AUTH_OK, ok.reply().type());
    assertEquals(new PeerAuthenticated("site-b", true), ok.authenticated());
    assertTrue(server.isComplete());

    HandshakeStep done = client.receive(ok.reply());
    assertNull(done.reply());
    assertEquals(new PeerAuthenticated("site-a", true), done.authenticated());
    assertTrue(client.isComplete());
  }

  @Test
  void handshakeFramesCarryNoEpochOrSequence() {
    Frame hello = siteB.newClientHandshake(SERVER_ADDR, null).hello();
    assertEquals(0, hello.seq());
    assertEquals(0, hello.epoch());
    assertEquals(1 + "site-b".length() + HandshakeMessages.NONCE_LENGTH, hello.payloadLength());
  }

  @Test
  void wrongSecretIsDetectedByTheClientFromTheServersProof() {
    LinkAuthenticator impostor = LinkAuthenticator.withSecret("site-a", OTHER_SECRET);
    ClientHandshake client = siteB.newClientHandshake(SERVER_ADDR, "site-a");
    Frame challenge = impostor.newServerHandshake(CLIENT_ADDR).receive(client.hello()).reply();

    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class, () -> client.receive(challenge));
    assertEquals("wrong secret from site-a at /10.0.0.1:7070: its proof does not match tandem.link.secret here",
        e.getMessage());
    assertEquals(FrameType.AUTH_FAILED, e.replyType(), "the server is told, so it logs the refusal too");
    assertThrows(IllegalStateException.class, () -> client.receive(challenge), "a failed handshake stays failed");
  }

  @Test
  void wrongSecretIsDetectedByTheServerFromTheClientsProof() {
    ServerHandshake server = siteA.newServerHandshake(CLIENT_ADDR);
    byte[] clientNonce = new byte[HandshakeMessages.NONCE_LENGTH];
    Frame challenge = server.receive(HandshakeMessages.hello("site-b", clientNonce)).reply();
    HandshakeMessages.Challenge c = HandshakeMessages.readChallenge(challenge, SERVER_ADDR);
    byte[] guessedProof = HandshakeProof.compute(OTHER_SECRET, HandshakeProof.Role.CLIENT, "site-b", "site-a",
        clientNonce, c.serverNonce);

    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class,
        () -> server.receive(HandshakeMessages.challengeResponse(guessedProof)));
    assertEquals("wrong secret from site-b at /10.0.0.2:40000: its proof does not match tandem.link.secret here",
        e.getMessage());
    assertFalse(server.isComplete());
  }

  @Test
  void reflectingTheServersProofBackAsTheClientsFails() {
    ServerHandshake server = siteA.newServerHandshake(CLIENT_ADDR);
    Frame challenge = server.receive(HandshakeMessages.hello("site-b", new byte[32])).reply();
    byte[] serverProof = HandshakeMessages.readChallenge(challenge, SERVER_ADDR).serverProof;

    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class,
        () -> server.receive(HandshakeMessages.challengeResponse(serverProof)));
    assertTrue(e.getMessage().startsWith("wrong secret from site-b"), e.getMessage());
  }

  @Test
  void proofsDependOnRoleAndEveryField() {
    byte[] n1 = new byte[32];
    byte[] n2 = new byte[32];
    n2[0] = 1;
    byte[] base = HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "site-b", "site-a", n1, n2);
    assertEquals(32, base.length);
    assertFalse(Arrays.equals(base,
        HandshakeProof.compute(SECRET, HandshakeProof.Role.SERVER, "site-b", "site-a", n1, n2)), "role");
    assertFalse(Arrays.equals(base,
        HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "site-a", "site-b", n1, n2)), "site order");
    assertFalse(Arrays.equals(base,
        HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "site-b", "site-a", n2, n1)), "nonce order");
    assertFalse(Arrays.equals(base,
        HandshakeProof.compute(OTHER_SECRET, HandshakeProof.Role.CLIENT, "site-b", "site-a", n1, n2)), "secret");
    // Length prefixes keep "ab"+"c" apart from "a"+"bc".
    assertFalse(Arrays.equals(
        HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "ab", "c", n1, n2),
        HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "a", "bc", n1, n2)));
    assertTrue(HandshakeProof.verify(base,
        HandshakeProof.compute(SECRET, HandshakeProof.Role.CLIENT, "site-b", "site-a", n1, n2)));
  }

  @Test
  void everyHandshakeUsesFreshNonces() {
    Frame first = siteB.newClientHandshake(SERVER_ADDR, null).hello();
    Frame second = siteB.newClientHandshake(SERVER_ADDR, null).hello();
    assertFalse(Arrays.equals(HandshakeMessages.readHello(first, "x").clientNonce,
        HandshakeMessages.readHello(second, "x").clientNonce));
  }

  @Test
  void authNoneAnswersHelloWithAuthOkAndMarksPeersUnverified() {
    LinkAuthenticator openA = LinkAuthenticator.withoutAuthentication("site-a");
    LinkAuthenticator openB = LinkAuthenticator.withoutAuthentication("site-b");
    ClientHandshake client = openB.newClientHandshake(SERVER_ADDR, "site-a");
    HandshakeStep ok = openA.newServerHandshake(CLIENT_ADDR).receive(client.hello());
    assertEquals(FrameType.AUTH_OK, ok.reply().type());
    assertEquals(new PeerAuthenticated("site-b", false), ok.authenticated());
    assertEquals(new PeerAuthenticated("site-a", false), client.receive(ok.reply()).authenticated());
  }

  @Test
  void clientWithASecretRefusesAServerThatSkipsItsProof() {
    ClientHandshake client = siteB.newClientHandshake(SERVER_ADDR, null);
    Frame ok = LinkAuthenticator.withoutAuthentication("site-a").newServerHandshake(CLIENT_ADDR)
        .receive(client.hello()).reply();
    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class, () -> client.receive(ok));
    assertEquals("the peer at /10.0.0.1:7070 accepted this site without proving it knows tandem.link.secret;"
        + " is tandem.link.auth=none set there?", e.getMessage());
  }

  @Test
  void clientWithoutASecretSaysSoWhenChallenged() {
    ClientHandshake client = LinkAuthenticator.withoutAuthentication("site-b").newClientHandshake(SERVER_ADDR, null);
    Frame challenge = siteA.newServerHandshake(CLIENT_ADDR).receive(client.hello()).reply();
    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class, () -> client.receive(challenge));
    assertEquals("the peer at /10.0.0.1:7070 requires the shared secret (tandem.link.secret), but"
        + " tandem.link.auth=none here", e.getMessage());
  }

  @Test
  void clientRefusesAServerThatIsNotTheExpectedSite() {
    LinkAuthenticator siteC = LinkAuthenticator.withSecret("site-c", SECRET);
    ClientHandshake client = siteB.newClientHandshake(SERVER_ADDR, "site-a");
    Frame challenge = siteC.newServerHandshake(CLIENT_ADDR).receive(client.hello()).reply();
    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class, () -> client.receive(challenge));
    assertEquals("expected site site-a at /10.0.0.1:7070, but it is site site-c", e.getMessage());
  }

  @Test
  void aPeerClaimingThisSitesOwnIdIsRefused() {
    ClientHandshake client = LinkAuthenticator.withSecret("site-a", SECRET).newClientHandshake(SERVER_ADDR, null);
    LinkAuthenticationException e = assertThrows(LinkAuthenticationException.class,
        () -> siteA.newServerHandshake(CLIENT_ADDR).receive(client.hello()));
    assertEquals("the peer at /10.0.0.2:40000 claims this site's own id site-a: tandem.site.id must differ between"
        + " sites", e.getMessage());
  }

  @Test
  void requestOrHeartbeatBeforeAuthenticationIsRefused() {
    WireProtocolException first = assertThrows(WireProtocolException.class,
        () -> siteA.newServerHandshake(CLIENT_ADDR).receive(Frame.of(FrameType.REQUEST, 1, 1, new byte[0])));
    assertEquals("REQUEST frame before authentication from the peer at /10.0.0.2:40000", first.getMessage());
    assertEquals(FrameType.ERROR, first.replyType());

    ServerHandshake midway = siteA.newServerHandshake(CLIENT_ADDR);
    midway.receive(HandshakeMessages.hello("site-b", new byte[32]));
    WireProtocolException second = assertThrows(WireProtocolException.class,
        () -> midway.receive(Frame.empty(FrameType.HEARTBEAT, 0, 4)));
    assertEquals("HEARTBEAT frame before authentication from site-b at /10.0.0.2:40000", second.getMessage());
  }

  @Test
  void handshakeFramesOutOfOrderAreRefused() {
    WireProtocolException e = assertThrows(WireProtocolException.class,
        () -> siteA.newServerHandshake(CLIENT_ADDR).receive(HandshakeMessages.challengeResponse(new byte[32])));
    assertEquals("unexpected CHALLENGE_RESPONSE from the peer at /10.0.0.2:40000 while waiting for HELLO",
        e.getMessage());
  }

  @Test
  void malformedHandshakePayloadsAreRefusedByName() {
    ServerHandshake server = siteA.newServerHandshake(CLIENT_ADDR);
    WireProtocolException shortHello = assertThrows(WireProtocolException.class,
        () -> server.receive(Frame.control(FrameType.HELLO, new byte[] {6, 's', 'i'})));
    assertEquals("malformed HELLO from /10.0.0.2:40000: payload of 3 bytes is too short", shortHello.getMessage());

    byte[] longHello = Arrays.copyOf(HandshakeMessages.hello("site-b", new byte[32]).payload(), 40 + 5);
    assertEquals("malformed HELLO from /10.0.0.2:40000: 6 unexpected bytes at the end",
        assertThrows(WireProtocolException.class, () -> siteA.newServerHandshake(CLIENT_ADDR)
            .receive(Frame.control(FrameType.HELLO, longHello))).getMessage());

    byte[] badId = Frames.concat(new byte[] {6}, "Site A".getBytes(StandardCharsets.US_ASCII), new byte[32]);
    assertEquals("malformed HELLO from /10.0.0.2:40000: site id is not lower-case letters, digits, '-' or '_'",
        assertThrows(WireProtocolException.class, () -> siteA.newServerHandshake(CLIENT_ADDR)
            .receive(Frame.control(FrameType.HELLO, badId))).getMessage());

    byte[] hugeId = Frames.concat(new byte[] {(byte) 200}, new byte[200 + 32]);
    assertEquals("malformed HELLO from /10.0.0.2:40000: site id of 200 bytes exceeds 63",
        assertThrows(WireProtocolException.class, () -> siteA.newServerHandshake(CLIENT_ADDR)
            .receive(Frame.control(FrameType.HELLO, hugeId))).getMessage());
  }

  @Test
  void peersRefusalIsReportedWithItsReasonMadeSafeToLog() {
    ClientHandshake client = siteB.newClientHandshake(SERVER_ADDR, null);
    client.hello();
    Frame refusal = HandshakeMessages.notice(FrameType.AUTH_FAILED, "no\nWARN forged log line");
    WireProtocolException e = assertThrows(WireProtocolException.class, () -> client.receive(refusal));
    assertInstanceOf(PeerRefusedException.class, e);
    assertEquals("the peer at /10.0.0.1:7070 refused authentication: no?WARN forged log line", e.getMessage());
    assertNull(e.replyType(), "nothing is sent back to a peer that already refused");
  }

  @Test
  void noticesAreBoundedBothWays() {
    String huge = "x".repeat(5000);
    Frame notice = HandshakeMessages.notice(FrameType.ERROR, huge);
    assertEquals(HandshakeMessages.MAX_NOTICE_BYTES, notice.payloadLength());
    String read = HandshakeMessages.readNotice(notice);
    assertEquals(HandshakeMessages.MAX_NOTICE_CHARS + 3, read.length());
    assertNotNull(HandshakeMessages.readNotice(Frame.control(FrameType.ERROR, new byte[0])));
  }

  @Test
  void secretIsNeverPrinted() {
    assertEquals("LinkSecret(hidden)", SECRET.toString());
    assertThrows(IllegalArgumentException.class, () -> LinkSecret.of("   "));
    assertThrows(IllegalArgumentException.class, () -> LinkAuthenticator.withoutAuthentication("Not A Site"));
  }
}
