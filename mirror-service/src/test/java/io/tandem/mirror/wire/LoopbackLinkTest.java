package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets on 127.0.0.1, port 0: the pipelines as an agent will run them, strangers included. */
class LoopbackLinkTest {
  private static final long WAIT_S = 10;
  private static final int MAX_FRAME = 1024 * 1024;
  private static final LinkSecret SECRET = LinkSecret.of("loopback-test-secret-0123456789");

  private NioEventLoopGroup group;
  private Channel serverChannel;
  private InetSocketAddress serverAddress;

  @BeforeEach
  void startGroup() {
    group = new NioEventLoopGroup(2);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (serverChannel != null) {
      serverChannel.close().sync();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
  }

  /** Answers each REQUEST with a RESPONSE of the same seq, epoch and payload. */
  private static final class EchoRequests extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Frame f = (Frame) msg;
      if (f.type() == FrameType.REQUEST) {
        ctx.writeAndFlush(Frame.of(FrameType.RESPONSE, f.seq(), f.epoch(), f.payload()));
      } else {
        ctx.fireChannelRead(msg);
      }
    }
  }

  /** On the client: sends one REQUEST once authenticated, and records how the connection went. */
  private static final class ClientProbe extends ChannelInboundHandlerAdapter {
    final CompletableFuture<PeerAuthenticated> authenticated = new CompletableFuture<>();
    final CompletableFuture<Frame> response = new CompletableFuture<>();
    final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof PeerAuthenticated peer) {
        authenticated.complete(peer);
        ctx.writeAndFlush(Frame.of(FrameType.REQUEST, 77, 12, "ping".getBytes(StandardCharsets.UTF_8)));
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      response.complete((Frame) msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failure.complete(cause);
      ctx.fireExceptionCaught(cause);
    }
  }

  private void startServer(LinkAuthenticator auth, long handshakeTimeoutMs) throws InterruptedException {
    serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            LinkPipelines.initServer(ch.pipeline(), auth, MAX_FRAME, handshakeTimeoutMs);
            ch.pipeline().addBefore(LinkPipelines.ERRORS, "echo", new EchoRequests());
          }
        })
        .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    serverAddress = (InetSocketAddress) serverChannel.localAddress();
  }

  private ClientProbe connect(LinkAuthenticator auth) throws InterruptedException {
    ClientProbe probe = new ClientProbe();
    new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            LinkPipelines.initClient(ch.pipeline(), auth, "site-a", MAX_FRAME, 5000);
            ch.pipeline().addBefore(LinkPipelines.ERRORS, "probe", probe);
          }
        })
        .connect(serverAddress).sync();
    return probe;
  }

  private void assertServesAGoodClient() throws Exception {
    ClientProbe probe = connect(LinkAuthenticator.withSecret("site-b", SECRET));
    assertEquals(new PeerAuthenticated("site-a", true), probe.authenticated.get(WAIT_S, TimeUnit.SECONDS));
    Frame response = probe.response.get(WAIT_S, TimeUnit.SECONDS);
    assertEquals(FrameType.RESPONSE, response.type());
    assertEquals(77, response.seq());
    assertEquals(12, response.epoch());
    assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), response.payload());
  }

  /** Sends raw bytes, reads until the server closes, and decodes the one frame it sent before closing. */
  private Frame strangerSends(byte[] bytes) throws Exception {
    try (Socket socket = new Socket(serverAddress.getAddress(), serverAddress.getPort())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_S));
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readAllBytes(); // returns at end of stream: the server closed the connection
      EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
      decoder.writeInbound(Unpooled.wrappedBuffer(answer));
      Frame notice = decoder.readInbound();
      assertNotNull(notice, "the server said why before closing");
      return notice;
    }
  }

  @Test
  void peersAuthenticateThenRequestAndResponseCrossTheLink() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 5000);
    assertServesAGoodClient();
  }

  @Test
  void wrongSecretFailsTheClientWithAClearMessage() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 5000);
    ClientProbe probe = connect(LinkAuthenticator.withSecret("site-b", LinkSecret.of("some-other-secret-value")));
    Throwable failure = probe.failure.get(WAIT_S, TimeUnit.SECONDS);
    assertInstanceOf(LinkAuthenticationException.class, failure);
    assertTrue(failure.getMessage().startsWith("wrong secret from site-a at "), failure.getMessage());
    assertTrue(failure.getMessage().contains("127.0.0.1:" + serverAddress.getPort()), failure.getMessage());
    assertTrue(!probe.authenticated.isDone());
  }

  @Test
  void strangerSpeakingHttpIsToldAndClosedWhileOthersAreServed() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 5000);
    Frame notice = strangerSends("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(FrameType.ERROR, notice.type());
    assertTrue(HandshakeMessages.readNotice(notice).startsWith("bad magic 0x47455420 (\"GET \") from /127.0.0.1:"),
        HandshakeMessages.readNotice(notice));
    assertServesAGoodClient();
  }

  @Test
  void hugeLengthIsRefusedAndTheServerKeepsServing() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 5000);
    Frame notice = strangerSends(Frames.header(Integer.MAX_VALUE));
    String reason = HandshakeMessages.readNotice(notice);
    assertTrue(reason.startsWith("frame of 2147483647 bytes exceeds the 4096-byte limit before authentication from"
        + " /127.0.0.1:"), reason);
    assertServesAGoodClient();
  }

  @Test
  void silentConnectionIsClosedAtTheHandshakeDeadline() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 300);
    long start = System.nanoTime();
    Frame notice = strangerSends(new byte[0]);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(FrameType.AUTH_FAILED, notice.type());
    assertTrue(HandshakeMessages.readNotice(notice).endsWith("within 300 ms"), HandshakeMessages.readNotice(notice));
    assertTrue(elapsedMs >= 250, "closed only at the deadline, after " + elapsedMs + " ms");
  }

  @Test
  void requestBeforeAuthenticationIsRefusedOverTheWire() throws Exception {
    startServer(LinkAuthenticator.withSecret("site-a", SECRET), 5000);
    Frame notice = strangerSends(Frames.encode(Frame.of(FrameType.REQUEST, 1, 1, new byte[] {1})));
    assertEquals(FrameType.ERROR, notice.type());
    assertTrue(HandshakeMessages.readNotice(notice).startsWith("REQUEST frame before authentication from the peer at"
        + " /127.0.0.1:"), HandshakeMessages.readNotice(notice));
  }
}
