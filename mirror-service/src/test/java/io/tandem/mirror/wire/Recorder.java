package io.tandem.mirror.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Test probe placed just before {@link LinkErrorHandler}: keeps the frames that reach the application (consuming
 * them), and the exceptions and user events that pass by (forwarding them).
 */
final class Recorder extends ChannelInboundHandlerAdapter {
  final List<Frame> frames = new ArrayList<>();
  final List<Throwable> exceptions = new ArrayList<>();
  final List<Object> events = new ArrayList<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    frames.add((Frame) msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    exceptions.add(cause);
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    events.add(evt);
    ctx.fireUserEventTriggered(evt);
  }

  /** The one exception recorded; fails the test unless there is exactly one. */
  Throwable onlyException() {
    if (exceptions.size() != 1) {
      throw new AssertionError("expected exactly one exception, got " + exceptions);
    }
    return exceptions.get(0);
  }

  PeerAuthenticated authenticated() {
    for (Object e : events) {
      if (e instanceof PeerAuthenticated p) {
        return p;
      }
    }
    return null;
  }
}
