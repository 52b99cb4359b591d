package io.tandem.mirror.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandem.mirror.link.net.HeartbeatPayload;
import io.tandem.mirror.link.net.LinkRequestTimeoutException;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.link.net.ResponseFrames;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkPipelines;
import io.tandem.mirror.wire.PeerAuthenticated;
import io.tandem.mirror.wire.WireFormat;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One authenticated connection to a peer agent for tools ({@code tandem mirror verify}): request in, response out,
 * no link state machine and no probation. Heartbeats keep the connection alive while a long request runs.
 */
public final class LinkRequestClient implements Closeable {
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final CompletableFuture<PeerAuthenticated> authenticated = new CompletableFuture<>();
  private final long heartbeatMs;
  private Channel channel;

  private LinkRequestClient(long heartbeatMs) {
    this.heartbeatMs = heartbeatMs;
  }

  /** Connects and authenticates, or throws naming the peer and why. */
  public static LinkRequestClient connect(InetSocketAddress peer, String expectedSite, LinkAuthenticator auth,
      LinkTls tls, long timeoutMs, long heartbeatMs) throws IOException, InterruptedException {
    LinkRequestClient c = new LinkRequestClient(heartbeatMs);
    try {
      c.open(peer, expectedSite, auth, tls, timeoutMs);
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Connects to the first of {@code agents} that answers (an HA pair: only the leading agent listens), or throws
   * naming each and why it failed.
   */
  public static LinkRequestClient connectToAny(java.util.List<InetSocketAddress> agents, String expectedSite,
      LinkAuthenticator auth, LinkTls tls, long timeoutMs, long heartbeatMs) throws IOException, InterruptedException {
    java.util.List<String> failures = new java.util.ArrayList<>();
    for (InetSocketAddress agent : agents) {
      try {
        return connect(agent, expectedSite, auth, tls, timeoutMs, heartbeatMs);
      } catch (IOException e) {
        failures.add(agent + ": " + e.getMessage());
      }
    }
    throw new IOException("no agent of " + expectedSite + " answers (" + String.join("; ", failures) + ")");
  }

  private void open(InetSocketAddress peer, String expectedSite, LinkAuthenticator auth, LinkTls tls, long timeoutMs)
      throws IOException, InterruptedException {
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMs)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) throws Exception {
            LinkPipelines.initClient(ch.pipeline(), auth, expectedSite, WireFormat.DEFAULT_MAX_FRAME_LENGTH, timeoutMs);
            tls.addTo(ch.pipeline(), timeoutMs);
            ch.pipeline().addBefore(LinkPipelines.ERRORS, "tandem-request-client", new Responses());
          }
        });
    io.netty.channel.ChannelFuture f = b.connect(peer.isUnresolved()
        ? new InetSocketAddress(peer.getHostString(), peer.getPort()) : peer).await();
    if (!f.isSuccess()) {
      throw new IOException("cannot connect to the agent of " + expectedSite + " at " + peer + ": " + f.cause(), f.cause());
    }
    channel = f.channel();
    channel.closeFuture().addListener(x -> failAll(new IOException("connection to " + peer + " closed")));
    try {
      authenticated.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("authentication with " + expectedSite + " at " + peer + " failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IOException("no authentication from " + expectedSite + " at " + peer + " within " + timeoutMs + " ms");
    }
  }

  /** Sends one mirror request (a REQUEST frame) and waits for its response payload. */
  public byte[] call(long epoch, byte[] payload, long timeoutMs) throws IOException, InterruptedException {
    return call(FrameType.REQUEST, epoch, payload, timeoutMs);
  }

  /** Sends one request frame of {@code type} and waits for its response payload. */
  public byte[] call(FrameType type, long epoch, byte[] payload, long timeoutMs)
      throws IOException, InterruptedException {
    long id = seq.incrementAndGet();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    pending.put(id, reply);
    if (!isOpen()) {
      // Closed before the request was registered: the close failed what was pending then, not this one.
      pending.remove(id);
      throw new IOException("connection closed");
    }
    channel.writeAndFlush(Frame.of(type, id, epoch, payload));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      while (true) {
        try {
          return reply.get(heartbeatMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new LinkRequestTimeoutException("no response within " + timeoutMs + " ms");
          }
          long now = System.currentTimeMillis();
          channel.writeAndFlush(HeartbeatPayload.frame(seq.incrementAndGet(), epoch, now, Long.MIN_VALUE));
        }
      }
    } catch (ExecutionException e) {
      throw new IOException("request failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pending.remove(id);
    }
  }

  /** True when no request waits for its answer on this connection. */
  public boolean idle() {
    return pending.isEmpty();
  }

  /** False once the connection closed (the agent went away, or closed it after an idle spell). */
  public boolean isOpen() {
    return channel != null && channel.isActive();
  }

  private void failAll(Throwable t) {
    authenticated.completeExceptionally(t);
    for (CompletableFuture<byte[]> f : pending.values()) {
      f.completeExceptionally(t);
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Completes the waiting calls as their responses arrive. */
  private final class Responses extends SimpleChannelInboundHandler<Frame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
      if (frame.type() == FrameType.RESPONSE || frame.type() == FrameType.SYNC_RESPONSE) {
        CompletableFuture<byte[]> f = pending.get(frame.seq());
        if (f != null && ResponseFrames.isFailure(frame)) {
          f.completeExceptionally(new IOException("the peer's handler failed: " + ResponseFrames.reason(frame)));
        } else if (f != null) {
          f.complete(frame.payload());
        }
      } else if (frame.type() == FrameType.ERROR) {
        CompletableFuture<byte[]> f = pending.get(frame.seq());
        if (f != null) {
          f.completeExceptionally(new IOException("the peer answered with an error"));
        }
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof PeerAuthenticated) {
        authenticated.complete((PeerAuthenticated) evt);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failAll(cause);
      ctx.fireExceptionCaught(cause);
    }
  }
}
