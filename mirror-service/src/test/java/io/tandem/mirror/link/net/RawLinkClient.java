package io.tandem.mirror.link.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkPipelines;
import io.tandem.mirror.wire.PeerAuthenticated;
import io.tandem.mirror.wire.WireFormat;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One connection with the real client pipeline (codec and handshake) but no link behind it: after authenticating it
 * sends only what the test tells it to. For testing the server against silent or misbehaving peers.
 */
final class RawLinkClient {
  final CompletableFuture<Long> authenticatedAtMs = new CompletableFuture<>();
  final CompletableFuture<Long> closedAtMs = new CompletableFuture<>();
  final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
  private final Channel channel;

  private RawLinkClient(EventLoopGroup group, InetSocketAddress server, LinkAuthenticator auth) {
    this.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            LinkPipelines.initClient(ch.pipeline(), auth, TestLinks.RECEIVER, WireFormat.DEFAULT_MAX_FRAME_LENGTH,
                3_000);
            ch.pipeline().addBefore(LinkPipelines.ERRORS, "probe", new Probe());
          }
        })
        .connect(server).syncUninterruptibly().channel();
  }

  static RawLinkClient connect(EventLoopGroup group, InetSocketAddress server, LinkAuthenticator auth) {
    return new RawLinkClient(group, server, auth);
  }

  void send(Frame frame) {
    channel.writeAndFlush(frame);
  }

  boolean isOpen() {
    return channel.isActive();
  }

  void close() {
    channel.close().syncUninterruptibly();
  }

  private final class Probe extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof PeerAuthenticated) {
        authenticatedAtMs.complete(LinkClocks.monotonicMillis().getAsLong());
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      received.add((Frame) msg);
      ctx.fireChannelRead(msg); // the error handler acts on ERROR frames
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closedAtMs.complete(LinkClocks.monotonicMillis().getAsLong());
      ctx.fireChannelInactive();
    }
  }
}
