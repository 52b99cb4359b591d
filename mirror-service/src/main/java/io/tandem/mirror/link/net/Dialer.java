package io.tandem.mirror.link.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkPipelines;
import java.io.IOException;

/**
 * Opens one connection to the peer with the full link pipeline: meters, TLS when enabled, frame codec, the
 * client side of the handshake (which insists on the expected peer site), then the slot's handler.
 */
final class Dialer {
  private final Bootstrap bootstrap;
  private final PeerLinkContext link;
  private final LinkAuthenticator authenticator;
  private final LinkTls tls;

  Dialer(EventLoopGroup group, PeerLinkContext link, LinkAuthenticator authenticator, LinkTls tls) {
    this.link = link;
    this.authenticator = authenticator;
    this.tls = tls;
    int connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, link.config().handshakeTimeoutMs());
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true);
  }

  ChannelFuture dial(ConnectionSlot slot) {
    return bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) throws IOException {
        long handshakeTimeoutMs = link.config().handshakeTimeoutMs();
        LinkPipelines.initClient(ch.pipeline(), authenticator, link.peerSite(), link.config().maxFrameLength(),
            handshakeTimeoutMs);
        ch.pipeline().addBefore(LinkPipelines.ERRORS, "tandem-client-connection", new ClientConnectionHandler(slot));
        tls.addTo(ch.pipeline(), handshakeTimeoutMs);
        ch.pipeline().addFirst(LinkMeters.HANDLER_NAME, link.meters());
      }
    }).connect(Addresses.resolved(link.peerAddress()));
  }
}
