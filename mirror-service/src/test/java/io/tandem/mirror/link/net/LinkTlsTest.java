package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameEncoder;
import io.tandem.mirror.wire.FrameType;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tandem.link.tls.enabled=true}: Hadoop's SSLFactory under the link, with a self-signed certificate. */
class LinkTlsTest {
  private static final LinkTimings TIMINGS = new LinkTimings(50, 400, 0);
  private static final long WAIT_S = TestLinks.WAIT.getSeconds();

  private static Configuration conf;
  private static LinkTls serverTls;
  private static LinkTls clientTls;

  private final RecordingHandler handler = new RecordingHandler();
  private LinkServer server;
  private PeerLink link;

  @BeforeAll
  static void makeCertificates() throws Exception {
    conf = TlsFixture.create();
    serverTls = LinkTls.fromConfiguration(conf, true, true);
    clientTls = LinkTls.fromConfiguration(conf, true, false);
  }

  @AfterAll
  static void closeTls() {
    serverTls.close();
    clientTls.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = LinkServer.builder(TestLinks.anyLoopbackPort(), TestLinks.config(2, TIMINGS), TestLinks.receiverAuth(),
        RequestRoutes.of(handler)).tls(serverTls).build();
    server.start();
  }

  @AfterEach
  void stop() {
    if (link != null) {
      link.close();
    }
    server.close();
  }

  private PeerLink startLink(LinkTls tls, RecordingLinkListener listener) {
    PeerLink l = PeerLink.builder(TestLinks.RECEIVER, server.boundAddress(), TestLinks.config(2, TIMINGS),
        TestLinks.senderAuth()).tls(tls).listener(listener).build();
    listener.attach(l);
    l.start();
    return l;
  }

  @Test
  void requestsFlowOverTls() throws Exception {
    assertTrue(serverTls.enabled() && clientTls.enabled());
    link = startLink(clientTls, RecordingLinkListener.drainingAtOnce());
    await().atMost(TestLinks.WAIT).until(() -> link.state().phase() == LinkPhase.UP);
    List<CompletableFuture<byte[]>> responses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      responses.add(link.send(1, RecordingHandler.payload(i, i), i));
    }
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(RecordingHandler.payload(i, i), responses.get(i).get(WAIT_S, TimeUnit.SECONDS));
    }
    assertEquals(20, handler.handled());
    assertEquals(2, server.connections().size());
  }

  @Test
  void aPlaintextLinkIsRefusedBeforeAuthentication() {
    link = startLink(LinkTls.disabled(), RecordingLinkListener.drainingAtOnce());
    await().atMost(TestLinks.WAIT).until(() -> link.status().connections().get(0).failuresInARow() >= 2);
    assertEquals(LinkPhase.CONNECTING, link.state().phase());
    assertEquals(0, handler.handled());
    assertTrue(server.connections().isEmpty());
  }

  @Test
  void aPlaintextRequestIsNeverHandled() throws Exception {
    ByteBuf buf = Unpooled.buffer();
    FrameEncoder.writeFrame(Frame.of(FrameType.REQUEST, 1, 1, RecordingHandler.payload(0, 0)), buf);
    byte[] request = ByteBufUtil.getBytes(buf);
    buf.release();
    InetSocketAddress address = server.boundAddress();
    try (Socket s = new Socket(address.getAddress(), address.getPort())) {
      s.setSoTimeout((int) TestLinks.WAIT.toMillis());
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      in.readAllBytes(); // returns when the server closes the connection
    }
    assertEquals(0, handler.handled());
    assertTrue(server.connections().isEmpty());
  }

  @Test
  void aTlsLinkToAPlaintextServerIsRefused() throws Exception {
    RecordingHandler plainHandler = new RecordingHandler();
    try (LinkServer plain = LinkServer.builder(TestLinks.anyLoopbackPort(), TestLinks.config(2, TIMINGS),
        TestLinks.receiverAuth(), RequestRoutes.of(plainHandler)).build()) {
      plain.start();
      link = PeerLink.builder(TestLinks.RECEIVER, plain.boundAddress(), TestLinks.config(2, TIMINGS),
          TestLinks.senderAuth()).tls(clientTls).build();
      link.start();
      await().atMost(TestLinks.WAIT).until(() -> link.status().connections().get(0).failuresInARow() >= 2);
      assertFalse(link.acceptsRequests());
      assertNotNull(link.status().connections().get(0).lastProblem());
      assertEquals(0, plainHandler.handled());
      link.close();
    }
  }
}
