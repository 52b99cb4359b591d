package io.tandem.mirror.wire;

import io.netty.channel.ChannelHandlerContext;
import java.net.SocketAddress;

/** How messages name the other end of a connection: its remote address, e.g. {@code /127.0.0.1:5431}. */
final class PeerNames {
  private PeerNames() {}

  /**
   * The remote address. Netty's channel remembers it once asked while connected, so asking early (as the decoder
   * does on activation) keeps it available for the messages written after the connection closed.
   */
  static String of(ChannelHandlerContext ctx) {
    SocketAddress address = ctx.channel().remoteAddress();
    return address == null ? "an unconnected peer" : address.toString();
  }
}
