package io.tandem.mirror.wire;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the client and server auth handlers share: the handshake deadline (on the channel's event loop), the guard
 * that lets no heartbeat, request or response out before the peer is authenticated, and the two ends of a
 * handshake: success (remove this handler, fire {@link PeerAuthenticated}) or failure (fire the exception to
 * {@link LinkErrorHandler}, drop whatever else arrives). One instance per channel.
 */
abstract class AuthHandlerSupport extends ChannelDuplexHandler {
  private final long handshakeTimeoutMs;
  private ScheduledFuture<?> deadline;
  private boolean started;
  private boolean finished;

  AuthHandlerSupport(long handshakeTimeoutMs) {
    if (handshakeTimeoutMs <= 0) {
      throw new IllegalArgumentException("handshake timeout " + handshakeTimeoutMs + " ms must be positive");
    }
    this.handshakeTimeoutMs = handshakeTimeoutMs;
  }

  /** Called once when the channel is active. */
  abstract void start(ChannelHandlerContext ctx);

  /** Handles one handshake frame; throws {@link WireProtocolException} to fail the handshake. */
  abstract void onFrame(ChannelHandlerContext ctx, Frame frame);

  /** Called when the connection closes before the handshake ended. */
  abstract void onClosedEarly(ChannelHandlerContext ctx);

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      begin(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    begin(ctx);
    ctx.fireChannelActive();
  }

  private void begin(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    deadline = ctx.channel().eventLoop().schedule(() -> onDeadline(ctx), handshakeTimeoutMs, TimeUnit.MILLISECONDS);
    try {
      start(ctx);
    } catch (WireProtocolException e) {
      fail(ctx, e);
    }
  }

  private void onDeadline(ChannelHandlerContext ctx) {
    if (!finished) {
      fail(ctx, new LinkAuthenticationException("no authentication from " + PeerNames.of(ctx) + " within "
          + handshakeTimeoutMs + " ms"));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!(msg instanceof Frame)) {
      ReferenceCountUtil.release(msg);
      fail(ctx, new WireProtocolException("unexpected " + msg.getClass().getSimpleName() + " during the handshake with "
          + PeerNames.of(ctx)));
      return;
    }
    try {
      onFrame(ctx, (Frame) msg);
    } catch (WireProtocolException e) {
      fail(ctx, e);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof Frame && !((Frame) msg).type().allowedBeforeAuthentication()) {
      promise.setFailure(new IllegalStateException("cannot send a " + ((Frame) msg).type() + " frame to "
          + PeerNames.of(ctx) + " before the peer is authenticated"));
      return;
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelDeadline();
    if (!finished) {
      finished = true;
      onClosedEarly(ctx);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelDeadline();
  }

  /** Ends the handshake: later frames, up to the full size bound, flow past this handler, which is gone. */
  final void succeed(ChannelHandlerContext ctx, PeerAuthenticated peer) {
    finished = true;
    cancelDeadline();
    FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
    if (decoder != null) {
      decoder.peerAuthenticated();
    }
    ctx.pipeline().remove(this);
    ctx.fireUserEventTriggered(peer);
  }

  final void fail(ChannelHandlerContext ctx, WireProtocolException problem) {
    finished = true;
    cancelDeadline();
    ctx.fireExceptionCaught(problem);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
