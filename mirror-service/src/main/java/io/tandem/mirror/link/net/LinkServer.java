package io.tandem.mirror.link.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkPipelines;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting end of the link: listens on {@code tandem.link.listen.address}, the one port that crosses between
 * sites. Every connection authenticates (inside TLS when enabled) before anything else is read; then its heartbeats
 * are answered and its requests dispatched by frame type through {@link RequestRoutes}. A connection silent for
 * longer than the heartbeat timeout is closed, as is one beyond {@link LinkTransportConfig#maxConnectionsPerPeer()}
 * from the same site. A bad peer costs only its own connection.
 *
 * <p>Starts once and closes once (LATENT, STARTED, CLOSED); closing a server that never started is allowed.
 */
public final class LinkServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LinkServer.class);
  private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final AtomicReference<Channel> listening = new AtomicReference<>();
  private final InetSocketAddress listenAddress;
  private final LinkTransportConfig config;
  private final LinkAuthenticator authenticator;
  private final RequestRoutes routes;
  private final LinkTls tls;
  private final LongSupplier clock;
  private final LongSupplier localEpoch;
  private final ServerConnections connections;
  private final HandshakeSlots handshakes = new HandshakeSlots(HandshakeSlots.MAX_HANDSHAKES);
  private final EventLoopGroup acceptGroup;
  private final EventLoopGroup ioGroup;

  private LinkServer(Builder b) {
    this.listenAddress = b.listenAddress;
    this.config = b.config;
    this.authenticator = b.authenticator;
    this.routes = b.routes;
    this.tls = b.tls;
    this.clock = b.clock;
    this.localEpoch = b.localEpoch;
    this.connections = new ServerConnections(config.maxConnectionsPerPeer());
    // Netty starts the threads on first use, so a server that never starts holds none.
    this.acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("tandem-link-accept", true));
    this.ioGroup = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("tandem-link-server", true));
  }

  /**
   * @param listenAddress where to listen; port 0 picks a free port, see {@link #boundAddress()}
   * @param routes which handler takes which request frames; {@link RequestRoutes#of} for the mirror path
   */
  public static Builder builder(InetSocketAddress listenAddress, LinkTransportConfig config,
      LinkAuthenticator authenticator, RequestRoutes routes) {
    return new Builder(listenAddress, config, authenticator, routes);
  }

  /**
   * Binds and starts accepting.
   *
   * @throws IOException when the address cannot be bound; the server is then closed
   * @throws IllegalStateException when already started or closed
   */
  public void start() throws IOException {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("the link server is " + lifecycle.get() + "; it starts only once");
    }
    ChannelFuture bind = new ServerBootstrap().group(acceptGroup, ioGroup).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) throws IOException {
            initPipeline(ch);
          }
        })
        .bind(Addresses.resolved(listenAddress));
    try {
      bind.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("interrupted while binding the link server to " + listenAddress);
    }
    if (!bind.isSuccess()) {
      close();
      throw new IOException("the link server cannot listen on " + listenAddress + " (tandem.link.listen.address): "
          + bind.cause().getMessage(), bind.cause());
    }
    listening.set(bind.channel());
    LOG.info("Link server of site {} listening on {} ({}, {})", authenticator.localSiteId(), boundAddress(), tls,
        routes);
  }

  private void initPipeline(SocketChannel ch) throws IOException {
    io.netty.channel.ChannelInboundHandlerAdapter slot = handshakes.tryTake(String.valueOf(ch.remoteAddress()));
    if (slot == null) {
      ch.close();
      return;
    }
    LinkPipelines.initServer(ch.pipeline(), authenticator, config.maxFrameLength(), config.handshakeTimeoutMs());
    // After the authentication handler, which announces the authenticated peer to the handlers behind it.
    ch.pipeline().addBefore(LinkPipelines.ERRORS, "tandem-handshake-slot", slot);
    ch.pipeline().addBefore(LinkPipelines.ERRORS, "tandem-server-connection",
        new ServerConnectionHandler(routes, connections, config.timings(), clock, localEpoch));
    tls.addTo(ch.pipeline(), config.handshakeTimeoutMs());
  }

  /** The address actually bound, with the chosen port when the configured one was 0. */
  public InetSocketAddress boundAddress() {
    Channel channel = listening.get();
    if (channel == null) {
      throw new IllegalStateException("the link server is not listening (" + lifecycle.get() + ")");
    }
    return (InetSocketAddress) channel.localAddress();
  }

  /** Connections refused because too many were still authenticating. */
  public long refusedHandshakes() {
    return handshakes.refused();
  }

  /** Connections accepted that have not authenticated yet. */
  public int handshakesInProgress() {
    return handshakes.inHandshake();
  }

  /** The authenticated connections now held, the receiving side's connection array. */
  public List<ServerConnectionStatus> connections() {
    return connections.status();
  }

  /** Stops listening and closes every connection; requests in flight get no response. Idempotent. */
  @Override
  public void close() {
    Lifecycle before = lifecycle.getAndSet(Lifecycle.CLOSED);
    if (before == Lifecycle.CLOSED) {
      return;
    }
    Channel channel = listening.getAndSet(null);
    if (channel != null) {
      channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
    }
    // Quiet period 0: the link answers nobody once closed, so there is nothing to wait out.
    acceptGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    ioGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    try {
      acceptGroup.terminationFuture().await(SHUTDOWN_TIMEOUT_MS);
      ioGroup.terminationFuture().await(SHUTDOWN_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while closing the link server of site {}; its threads finish on their own",
          authenticator.localSiteId());
    }
    if (before == Lifecycle.STARTED) {
      LOG.info("Link server of site {} closed", authenticator.localSiteId());
    }
  }

  /** Builds a {@link LinkServer}; the address, timing, authentication and routes are required. */
  public static final class Builder {
    private final InetSocketAddress listenAddress;
    private final LinkTransportConfig config;
    private final LinkAuthenticator authenticator;
    private final RequestRoutes routes;
    private LinkTls tls = LinkTls.disabled();
    private LongSupplier clock = LinkClocks.monotonicMillis();
    private LongSupplier localEpoch = () -> 0L;

    private Builder(InetSocketAddress listenAddress, LinkTransportConfig config, LinkAuthenticator authenticator,
        RequestRoutes routes) {
      this.listenAddress = Objects.requireNonNull(listenAddress, "listenAddress");
      this.config = Objects.requireNonNull(config, "config");
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      this.routes = Objects.requireNonNull(routes, "routes");
    }

    /** TLS from {@link LinkTls#server}; the caller keeps ownership and closes it after the server. */
    public Builder tls(LinkTls serverTls) {
      this.tls = Objects.requireNonNull(serverTls, "tls");
      return this;
    }

    /** The clock for heartbeat send times and silence; tests inject one. */
    public Builder clock(LongSupplier millis) {
      this.clock = Objects.requireNonNull(millis, "clock");
      return this;
    }

    /** The epoch this site's heartbeats carry (receivers refuse a lower one; site failover raises it); 0 until failover assigns epochs. */
    public Builder localEpoch(LongSupplier epoch) {
      this.localEpoch = Objects.requireNonNull(epoch, "localEpoch");
      return this;
    }

    public LinkServer build() {
      return new LinkServer(this);
    }
  }
}
