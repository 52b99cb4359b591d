package io.tandem.mirror.link.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes through the sockets of one link (counted first in the pipeline, so TLS overhead included) and the latest
 * heartbeat round trip. Sharable across that link's connections; thread-safe.
 */
@Sharable
final class LinkMeters extends ChannelDuplexHandler {
  static final String HANDLER_NAME = "tandem-meters";
  /** Round trip before any was measured. */
  static final long NO_ROUND_TRIP = -1;

  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private volatile long lastRoundTripMs = NO_ROUND_TRIP;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    bytesReceived.add(sizeOf(msg));
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    bytesSent.add(sizeOf(msg));
    ctx.write(msg, promise);
  }

  private static long sizeOf(Object msg) {
    if (msg instanceof ByteBuf) {
      return ((ByteBuf) msg).readableBytes();
    }
    if (msg instanceof ByteBufHolder) {
      return ((ByteBufHolder) msg).content().readableBytes();
    }
    return 0;
  }

  void roundTrip(long ms) {
    lastRoundTripMs = ms;
  }

  long lastRoundTripMs() {
    return lastRoundTripMs;
  }

  long bytesSent() {
    return bytesSent.sum();
  }

  long bytesReceived() {
    return bytesReceived.sum();
  }
}
