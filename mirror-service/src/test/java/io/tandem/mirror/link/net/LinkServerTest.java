package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameEncoder;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accepting side against silent, hostile and too many peers; it keeps serving the good one throughout. */
class LinkServerTest {
  private static final long INTERVAL_MS = 50;
  private static final long TIMEOUT_MS = 300;
  private static final LinkTimings TIMINGS = new LinkTimings(INTERVAL_MS, TIMEOUT_MS, 0);
  /** How late, beyond the timeout, the server's silence check may run on a loaded machine. */
  private static final long SCHEDULING_ALLOWANCE_MS = 200;
  private static final long WAIT_S = TestLinks.WAIT.getSeconds();

  private final NioEventLoopGroup rawClients = new NioEventLoopGroup(1);
  private TransportRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = TransportRig.direct(TestLinks.config(1, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
  }

  @AfterEach
  void stop() {
    rig.close();
    rawClients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private InetSocketAddress serverAddress() {
    return rig.server.boundAddress();
  }

  /** The good link still works: a request crosses and comes back. */
  private void assertGoodLinkServed(int n) throws Exception {
    assertArrayEquals(RecordingHandler.payload(0, n), rig.link.send(1, RecordingHandler.payload(0, n), 0)
        .get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(LinkPhase.UP, rig.link.state().phase());
  }

  private static byte[] encode(Frame frame) {
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameEncoder.writeFrame(frame, buf);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  /** Writes raw bytes, reads until the server closes the connection, and returns what it sent. */
  private byte[] strangerSends(byte[] bytes) throws IOException {
    try (Socket s = new Socket(serverAddress().getAddress(), serverAddress().getPort())) {
      s.setSoTimeout((int) TestLinks.WAIT.toMillis());
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      return in.readAllBytes();
    }
  }

  @Test
  void aClientThatAuthenticatesThenFallsSilentIsClosedAfterTheTimeout() throws Exception {
    RawLinkClient silent = RawLinkClient.connect(rawClients, serverAddress(), TestLinks.senderAuth());
    long authenticatedAt = silent.authenticatedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    await().atMost(TestLinks.WAIT).until(() -> rig.server.connections().size() == 2);
    assertGoodLinkServed(1);

    long closedAt = silent.closedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    long silentFor = closedAt - authenticatedAt;
    // The client notes authentication a little after the server starts counting, hence the interval of slack below.
    assertTrue(silentFor >= TIMEOUT_MS - INTERVAL_MS, "closed too early, after " + silentFor + " ms");
    assertTrue(silentFor <= TIMEOUT_MS + INTERVAL_MS + SCHEDULING_ALLOWANCE_MS, "closed after " + silentFor + " ms");
    await().atMost(TestLinks.WAIT).until(() -> rig.server.connections().size() == 1);
    assertGoodLinkServed(2);
  }

  @Test
  void aFloodOfConnectionsThatNeverAuthenticateIsBoundedAndTheServerKeepsServing() throws Exception {
    java.util.List<Socket> flood = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < HandshakeSlots.MAX_HANDSHAKES + 20; i++) {
        flood.add(new Socket(serverAddress().getAddress(), serverAddress().getPort()));
      }
      await().atMost(TestLinks.WAIT).until(() -> rig.server.refusedHandshakes() >= 20);
      assertTrue(rig.server.handshakesInProgress() <= HandshakeSlots.MAX_HANDSHAKES);
      assertGoodLinkServed(1); // its connection authenticated long ago: it holds no handshake slot
    } finally {
      for (Socket sock : flood) {
        sock.close();
      }
    }
    await().atMost(TestLinks.WAIT).until(() -> rig.server.handshakesInProgress() == 0);
    RawLinkClient late = RawLinkClient.connect(rawClients, serverAddress(), TestLinks.senderAuth());
    late.authenticatedAtMs.get(WAIT_S, TimeUnit.SECONDS); // slots came back: a new peer authenticates
    assertGoodLinkServed(2);
  }

  @Test
  void garbageNeverReachesTheHandlerAndTheServerKeepsServing() throws Exception {
    byte[] answer = strangerSends("GET / HTTP/1.1\r\nHost: tandem\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertTrue(answer.length > 0, "the server said why before closing");
    byte[] beforeAuth = strangerSends(encode(Frame.of(FrameType.REQUEST, 1, 1, RecordingHandler.payload(0, 99))));
    assertTrue(beforeAuth.length > 0);
    assertEquals(0, rig.handler.handled());
    assertGoodLinkServed(1);
    assertEquals(1, rig.handler.handled());
  }

  @Test
  void aWrongSecretNeverReachesTheHandlerAndTheServerKeepsServing() throws Exception {
    LinkAuthenticator impostor = LinkAuthenticator.withSecret(TestLinks.SENDER,
        LinkSecret.of("not-the-shared-secret-at-all-0000"));
    PeerLink wrong = PeerLink.builder(TestLinks.RECEIVER, serverAddress(), TestLinks.config(2, TIMINGS), impostor)
        .build();
    try {
      wrong.start();
      await().atMost(TestLinks.WAIT).until(() -> wrong.status().connections().get(0).failuresInARow() >= 3);
      assertEquals(LinkPhase.CONNECTING, wrong.state().phase());
      String problem = wrong.status().connections().get(0).lastProblem();
      assertNotNull(problem);
      assertTrue(problem.contains("wrong secret"), problem);
    } finally {
      wrong.close();
    }
    assertEquals(0, rig.handler.handled());
    assertEquals(1, rig.server.connections().size(), "only the good link's connection");
    assertGoodLinkServed(1);
  }

  @Test
  void anAuthenticatedPeerSendingFramesOutOfPlaceIsClosed() throws Exception {
    RawLinkClient confused = RawLinkClient.connect(rawClients, serverAddress(), TestLinks.senderAuth());
    confused.authenticatedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    confused.send(Frame.of(FrameType.RESPONSE, 1, 1, new byte[] {1}));
    confused.closedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    Frame notice = confused.received.poll(WAIT_S, TimeUnit.SECONDS);
    assertNotNull(notice);
    assertEquals(FrameType.ERROR, notice.type());
    assertTrue(new String(notice.payload(), StandardCharsets.UTF_8).startsWith("unexpected RESPONSE frame from"),
        new String(notice.payload(), StandardCharsets.UTF_8));

    RawLinkClient malformed = RawLinkClient.connect(rawClients, serverAddress(), TestLinks.senderAuth());
    malformed.authenticatedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    malformed.send(Frame.of(FrameType.HEARTBEAT, 1, 1, new byte[3]));
    malformed.closedAtMs.get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(0, rig.handler.handled());
    assertGoodLinkServed(1);
  }

  @Test
  void connectionsBeyondTheLimitPerPeerAreRefused() throws Exception {
    LinkTransportConfig oneEach = LinkTransportConfig.builder(TIMINGS).maxConnectionsPerPeer(1).build();
    RecordingHandler handler = new RecordingHandler();
    try (LinkServer strict = LinkServer.builder(TestLinks.anyLoopbackPort(), oneEach, TestLinks.receiverAuth(),
        RequestRoutes.of(handler)).build()) {
      strict.start();
      RawLinkClient first = RawLinkClient.connect(rawClients, strict.boundAddress(), TestLinks.senderAuth());
      first.authenticatedAtMs.get(WAIT_S, TimeUnit.SECONDS);
      RawLinkClient second = RawLinkClient.connect(rawClients, strict.boundAddress(), TestLinks.senderAuth());
      second.closedAtMs.get(WAIT_S, TimeUnit.SECONDS);
      Frame notice = second.received.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(notice);
      assertTrue(new String(notice.payload(), StandardCharsets.UTF_8).startsWith(
          "too many link connections from site site-a"), new String(notice.payload(), StandardCharsets.UTF_8));
      assertTrue(first.isOpen());
      assertEquals(1, strict.connections().size());
      first.close();
    }
  }

  @Test
  void theServerStartsOnceClosesIdempotentlyAndReportsABusyPort() throws Exception {
    assertThrows(IllegalStateException.class, () -> rig.server.start());
    LinkServer neverStarted = LinkServer.builder(TestLinks.anyLoopbackPort(), rig.config, TestLinks.receiverAuth(),
        RequestRoutes.of(rig.handler)).build();
    assertThrows(IllegalStateException.class, neverStarted::boundAddress);
    neverStarted.close();
    neverStarted.close();

    LinkServer clash = LinkServer.builder(serverAddress(), rig.config, TestLinks.receiverAuth(),
        RequestRoutes.of(rig.handler)).build();
    IOException busy = assertThrows(IOException.class, clash::start);
    assertTrue(busy.getMessage().contains("tandem.link.listen.address"), busy.getMessage());
    assertThrows(IllegalStateException.class, clash::start, "closed after the failed start");
    assertGoodLinkServed(1);
  }

  @Test
  void routesRefuseHandshakeTypesAndDuplicates() {
    RequestRoutes routes = RequestRoutes.of(rig.handler);
    assertThrows(IllegalArgumentException.class, () -> routes.with(FrameType.REQUEST, FrameType.RESPONSE,
        rig.handler));
    assertThrows(IllegalArgumentException.class, () -> routes.with(FrameType.HEARTBEAT, FrameType.RESPONSE,
        rig.handler));
    assertThrows(IllegalArgumentException.class, () -> routes.with(FrameType.HELLO, FrameType.RESPONSE,
        rig.handler));
  }
}
