package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auth handlers in Netty pipelines, on {@link EmbeddedChannel}s (time driven by hand, no real waiting). */
class AuthHandlerTest {
  private static final long TIMEOUT_MS = 5000;
  private static final LinkSecret SECRET = LinkSecret.of("0123456789abcdef-shared-link-secret");

  private final List<EmbeddedLink> links = new ArrayList<>();

  private static LinkAuthenticator site(String id, LinkSecret secret) {
    return LinkAuthenticator.withSecret(id, secret);
  }

  private EmbeddedLink link(LinkAuthenticator clientAuth, String expectedServerSite, LinkAuthenticator serverAuth,
      long handshakeTimeoutMs) {
    EmbeddedLink link = new EmbeddedLink(clientAuth, expectedServerSite, serverAuth, handshakeTimeoutMs);
    links.add(link);
    return link;
  }

  @AfterEach
  void releaseLinks() {
    links.forEach(EmbeddedLink::close);
  }

  @Test
  void rightSecretAuthenticatesBothSidesThenFramesFlow() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a", site("site-a", SECRET), TIMEOUT_MS).pump();

    assertEquals(new PeerAuthenticated("site-b", true), link.serverSeen.authenticated());
    assertEquals(new PeerAuthenticated("site-a", true), link.clientSeen.authenticated());
    assertNull(link.server.pipeline().get(LinkPipelines.AUTH), "the server's auth handler removed itself");
    assertNull(link.client.pipeline().get(LinkPipelines.AUTH), "the client's auth handler removed itself");

    Frame request = Frame.of(FrameType.REQUEST, 41, 7, new byte[] {1, 2, 3});
    link.client.writeAndFlush(request);
    link.pump();
    assertEquals(request, link.serverSeen.frames.get(0));
    assertEquals(7, link.serverSeen.frames.get(0).epoch(), "the epoch crosses with the request");

    Frame response = Frame.of(FrameType.RESPONSE, 41, 7, new byte[] {4});
    link.server.writeAndFlush(response);
    link.pump();
    assertEquals(response, link.clientSeen.frames.get(0));
    assertTrue(link.client.isOpen() && link.server.isOpen());
    assertTrue(link.clientSeen.exceptions.isEmpty() && link.serverSeen.exceptions.isEmpty());
  }

  @Test
  void beforeAuthenticationOnlyHandshakeSizedFramesAreAccepted() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a", site("site-a", SECRET), TIMEOUT_MS);
    link.server.writeInbound(Unpooled.wrappedBuffer(Frames.header(WireFormat.HANDSHAKE_MAX_FRAME_LENGTH + 1)));
    assertEquals("frame of 4097 bytes exceeds the 4096-byte limit before authentication from embedded",
        link.serverSeen.onlyException().getMessage());
    assertFalse(link.server.isOpen());
  }

  @Test
  void afterAuthenticationFramesUpToTheFullBoundFlowBothWays() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a", site("site-a", SECRET), TIMEOUT_MS).pump();
    byte[] big = new byte[EmbeddedLink.MAX_FRAME - WireFormat.MIN_FRAME_LENGTH];
    link.client.writeAndFlush(Frame.of(FrameType.REQUEST, 1, 1, big));
    link.server.writeAndFlush(Frame.of(FrameType.RESPONSE, 2, 1, big));
    link.pump();
    assertEquals(big.length, link.serverSeen.frames.get(0).payloadLength());
    assertEquals(big.length, link.clientSeen.frames.get(0).payloadLength());
  }

  @Test
  void requestPipelinedRightBehindTheClientsProofIsDelivered() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a", site("site-a", SECRET), TIMEOUT_MS);
    // Carry HELLO and CHALLENGE, then let the client's proof and a large request travel in one buffer.
    ByteBuf hello = link.client.readOutbound();
    link.server.writeInbound(hello);
    ByteBuf challenge = link.server.readOutbound();
    link.client.writeInbound(challenge);
    ByteBuf proof = link.client.readOutbound();
    byte[] request = Frames.encode(Frame.of(FrameType.REQUEST, 5, 2, new byte[20_000]));
    link.server.writeInbound(Unpooled.wrappedBuffer(proof, Unpooled.wrappedBuffer(request)));
    assertEquals(new PeerAuthenticated("site-b", true), link.serverSeen.authenticated());
    assertEquals(20_000, link.serverSeen.frames.get(0).payloadLength());
  }

  @Test
  void wrongSecretIsRefusedWithAClearMessageOnBothSides() {
    EmbeddedLink link = link(site("site-b", LinkSecret.of("not-the-same-secret-at-all")), "site-a",
        site("site-a", SECRET), TIMEOUT_MS).pump();

    Throwable atClient = link.clientSeen.onlyException();
    assertInstanceOf(LinkAuthenticationException.class, atClient);
    assertEquals("wrong secret from site-a at embedded: its proof does not match tandem.link.secret here",
        atClient.getMessage());

    Throwable atServer = link.serverSeen.onlyException();
    assertInstanceOf(PeerRefusedException.class, atServer);
    assertEquals("site-b at embedded refused authentication: wrong secret from site-a at embedded: its proof does"
        + " not match tandem.link.secret here", atServer.getMessage());

    assertFalse(link.client.isOpen());
    assertFalse(link.server.isOpen());
    assertNull(link.clientSeen.authenticated());
    assertNull(link.serverSeen.authenticated());
  }

  @Test
  void reflectedServerProofIsAnsweredWithAuthFailedAndClose() {
    Recorder seen = new Recorder();
    EmbeddedChannel server = new EmbeddedChannel(new ServerAuthHandler(site("site-a", SECRET), TIMEOUT_MS), seen,
        new LinkErrorHandler());

    server.writeInbound(HandshakeMessages.hello("site-b", new byte[32]));
    Frame challenge = server.readOutbound();
    byte[] serverProof = HandshakeMessages.readChallenge(challenge, "test").serverProof;
    server.writeInbound(HandshakeMessages.challengeResponse(serverProof));

    Frame refusal = server.readOutbound();
    assertEquals(FrameType.AUTH_FAILED, refusal.type());
    assertEquals("wrong secret from site-b at embedded: its proof does not match tandem.link.secret here",
        HandshakeMessages.readNotice(refusal));
    assertFalse(server.isOpen());
    assertNull(seen.authenticated());
  }

  @Test
  void requestBeforeAuthenticationIsRefusedAndTheConnectionClosed() {
    Recorder seen = new Recorder();
    EmbeddedChannel server = new EmbeddedChannel(new ServerAuthHandler(site("site-a", SECRET), TIMEOUT_MS), seen,
        new LinkErrorHandler());

    server.writeInbound(Frame.of(FrameType.REQUEST, 1, 3, new byte[] {9}));

    assertTrue(seen.frames.isEmpty(), "the request never reaches the application");
    Frame error = server.readOutbound();
    assertEquals(FrameType.ERROR, error.type());
    assertEquals("REQUEST frame before authentication from the peer at embedded", HandshakeMessages.readNotice(error));
    assertFalse(server.isOpen());
  }

  @Test
  void framesArrivingAfterAFailedHandshakeAreDropped() {
    Recorder seen = new Recorder();
    EmbeddedChannel server = new EmbeddedChannel(new ServerAuthHandler(site("site-a", SECRET), TIMEOUT_MS), seen,
        new LinkErrorHandler());
    server.pipeline().fireChannelRead(Frame.empty(FrameType.HEARTBEAT, 0, 1));
    server.pipeline().fireChannelRead(Frame.of(FrameType.REQUEST, 1, 1, new byte[0]));
    assertEquals(1, seen.exceptions.size(), "one error for the connection");
    assertTrue(seen.frames.isEmpty());
  }

  @Test
  void clientWillNotSendRequestsBeforeTheServerIsAuthenticated() {
    EmbeddedChannel client = new EmbeddedChannel(new ClientAuthHandler(site("site-b", SECRET), null, TIMEOUT_MS));
    assertEquals(FrameType.HELLO, ((Frame) client.readOutbound()).type());

    ChannelFuture write = client.writeOneOutbound(Frame.of(FrameType.REQUEST, 1, 1, new byte[] {1}));
    client.flushOutbound();
    assertFalse(write.isSuccess());
    assertEquals("cannot send a REQUEST frame to embedded before the peer is authenticated",
        write.cause().getMessage());
    assertNull(client.readOutbound(), "nothing reached the wire");
  }

  @Test
  void authNoneOnBothSidesConnectsUnverifiedPeers() {
    EmbeddedLink link = link(LinkAuthenticator.withoutAuthentication("site-b"), "site-a",
        LinkAuthenticator.withoutAuthentication("site-a"), TIMEOUT_MS).pump();
    assertEquals(new PeerAuthenticated("site-b", false), link.serverSeen.authenticated());
    assertEquals(new PeerAuthenticated("site-a", false), link.clientSeen.authenticated());
    assertNull(link.server.pipeline().get(LinkPipelines.AUTH));
    assertNull(link.client.pipeline().get(LinkPipelines.AUTH));
  }

  @Test
  void clientWithASecretRefusesAServerRunningWithAuthNone() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a",
        LinkAuthenticator.withoutAuthentication("site-a"), TIMEOUT_MS).pump();
    assertTrue(link.clientSeen.onlyException().getMessage().contains("without proving it knows tandem.link.secret"));
    assertFalse(link.client.isOpen());
    // The auth=none server had already accepted; the client's refusal reaches it as a frame after the handshake.
    Frame refusal = link.serverSeen.frames.get(0);
    assertEquals(FrameType.AUTH_FAILED, refusal.type());
    assertTrue(HandshakeMessages.readNotice(refusal).contains("without proving it knows tandem.link.secret"));
  }

  @Test
  void noticeFromThePeerAfterAuthenticationClosesTheConnection() {
    EmbeddedChannel channel = new EmbeddedChannel(new LinkErrorHandler());
    channel.writeInbound(HandshakeMessages.notice(FrameType.ERROR, "epoch 3 is older than 5"));
    assertFalse(channel.isOpen());
    assertNull(channel.readOutbound(), "no reply to the peer's own notice");
  }

  @Test
  void serverClosesAClientThatDoesNotAuthenticateInTime() {
    Recorder seen = new Recorder();
    // Time is frozen before the handler schedules its deadline, so real time passing on a busy machine cannot
    // move the boundary this test checks to the millisecond.
    EmbeddedChannel server = new EmbeddedChannel();
    server.freezeTime();
    server.pipeline().addLast(new ServerAuthHandler(site("site-a", SECRET), 500), seen, new LinkErrorHandler());

    server.advanceTimeBy(499, TimeUnit.MILLISECONDS);
    server.runScheduledPendingTasks();
    assertTrue(server.isOpen(), "still within the deadline");

    server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    server.runScheduledPendingTasks();
    assertFalse(server.isOpen());
    assertEquals("no authentication from embedded within 500 ms", seen.onlyException().getMessage());
    assertEquals(FrameType.AUTH_FAILED, ((Frame) server.readOutbound()).type());
  }

  @Test
  void clientGivesUpOnAServerThatNeverAnswers() {
    Recorder seen = new Recorder();
    EmbeddedChannel client = new EmbeddedChannel(new ClientAuthHandler(site("site-b", SECRET), "site-a", 300), seen,
        new LinkErrorHandler());
    client.advanceTimeBy(300, TimeUnit.MILLISECONDS);
    client.runScheduledPendingTasks();
    assertFalse(client.isOpen());
    assertInstanceOf(LinkAuthenticationException.class, seen.onlyException());
  }

  @Test
  void successfulHandshakeCancelsTheDeadline() {
    EmbeddedLink link = link(site("site-b", SECRET), "site-a", site("site-a", SECRET), 200).pump();
    link.server.advanceTimeBy(10, TimeUnit.SECONDS);
    link.client.advanceTimeBy(10, TimeUnit.SECONDS);
    link.server.runScheduledPendingTasks();
    link.client.runScheduledPendingTasks();
    assertTrue(link.server.isOpen() && link.client.isOpen());
    assertTrue(link.serverSeen.exceptions.isEmpty() && link.clientSeen.exceptions.isEmpty());
  }

  @Test
  void clientReportsAServerThatHangsUpMidHandshake() {
    Recorder seen = new Recorder();
    EmbeddedChannel client = new EmbeddedChannel(new ClientAuthHandler(site("site-b", SECRET), null, TIMEOUT_MS), seen,
        new LinkErrorHandler());
    client.close();
    Throwable t = seen.onlyException();
    assertInstanceOf(PeerRefusedException.class, t);
    assertEquals("the peer at embedded closed the connection before authentication completed", t.getMessage());
  }
}
