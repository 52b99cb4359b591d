package io.tandem.mirror.wire;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last inbound handler of a link pipeline: any exception ends that one connection, never the process. Logs one WARN
 * line naming the peer and the problem, tells the peer with a notice frame when the problem is a
 * {@link WireProtocolException} that asks for one, and closes. Later exceptions on the same connection (the echo of
 * the first) go to DEBUG so one bad stream gives one error. An ERROR or AUTH_FAILED frame that no handler before it
 * took is the peer ending the connection, and is treated the same way. One instance per channel.
 */
public final class LinkErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(LinkErrorHandler.class);
  /** How long the notice may take to leave before the connection is closed anyway (a peer that does not read). */
  static final long NOTICE_GRACE_MS = 1000;

  private boolean closing;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Frame) {
      Frame frame = (Frame) msg;
      if (frame.type() == FrameType.ERROR || frame.type() == FrameType.AUTH_FAILED) {
        exceptionCaught(ctx, new PeerRefusedException(PeerNames.of(ctx) + " sent " + frame.type() + ": "
            + HandshakeMessages.readNotice(frame)));
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String peer = PeerNames.of(ctx);
    if (closing) {
      LOG.debug("Link connection with {} already closing; also: {}", peer, cause.toString());
      return;
    }
    closing = true;
    if (cause instanceof WireProtocolException) {
      WireProtocolException problem = (WireProtocolException) cause;
      // The message already names the peer.
      LOG.warn("Closing link connection: {}", problem.getMessage());
      FrameType reply = problem.replyType();
      if (reply != null && ctx.channel().isActive()) {
        ctx.writeAndFlush(HandshakeMessages.notice(reply, problem.getMessage()))
            .addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> forcedClose = ctx.executor().schedule(() -> ctx.close(), NOTICE_GRACE_MS,
            TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> forcedClose.cancel(false));
        return;
      }
    } else if (cause instanceof IOException) {
      LOG.warn("Closing link connection with {}: {}", peer, cause.toString());
    } else {
      LOG.warn("Closing link connection with {} after an unexpected error", peer, cause);
    }
    ctx.close();
  }
}
