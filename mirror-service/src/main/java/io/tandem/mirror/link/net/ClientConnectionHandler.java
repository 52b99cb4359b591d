package io.tandem.mirror.link.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkPipelines;
import io.tandem.mirror.wire.PeerAuthenticated;
import io.tandem.mirror.wire.WireProtocolException;

/**
 * The handler of one connection a {@link ConnectionSlot} dialled (placed before {@link LinkPipelines#ERRORS}): tells
 * the slot when the peer is authenticated and when the connection ends (with the first problem seen, for the log),
 * passes heartbeats to the connection and completes requests with their responses. One instance per channel; runs
 * on the channel's I/O thread.
 */
final class ClientConnectionHandler extends ChannelInboundHandlerAdapter {
  private final ConnectionSlot slot;
  private ClientConnection connection;
  private Throwable firstProblem;

  ClientConnectionHandler(ConnectionSlot slot) {
    this.slot = slot;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof PeerAuthenticated) {
      ClientConnection opened = slot.newConnection(ctx.channel());
      if (slot.onOpen(opened)) {
        connection = opened;
        connection.startHeartbeats();
      } else {
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (connection == null) {
      return; // refused by the slot and closing
    }
    Frame frame = (Frame) msg;
    switch (frame.type()) {
      case HEARTBEAT:
        connection.heartbeatArrived(HeartbeatPayload.read(frame, connection.toString()));
        slot.onHeartbeat();
        break;
      case RESPONSE:
        connection.heard();
        complete(frame);
        break;
      default:
        // ERROR and AUTH_FAILED go on to the error handler, which reports the peer's reason and closes.
        if (frame.type().allowedBeforeAuthentication()) {
          ctx.fireChannelRead(msg);
          return;
        }
        throw new WireProtocolException("unexpected " + frame.type() + " frame from " + connection);
    }
  }

  private void complete(Frame response) {
    OutboundRequest request = connection.takeRequest(response.seq());
    if (request == null) {
      slot.onUnmatchedResponse(response.seq());
      return;
    }
    if (ResponseFrames.isFailure(response)) {
      request.fail(new RemoteRequestFailedException(slot.peerSite() + " could not handle request " + response.seq()
          + ": " + ResponseFrames.reason(response)));
    } else {
      request.succeed(response.payload());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (firstProblem == null) {
      firstProblem = cause;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (connection != null) {
      connection.stopHeartbeats();
    }
    slot.onClosed(ctx.channel(), connection, whyClosed());
    ctx.fireChannelInactive();
  }

  private String whyClosed() {
    if (connection != null && connection.closeReason() != null) {
      return connection.closeReason();
    }
    if (firstProblem != null) {
      return firstProblem.getMessage() == null ? firstProblem.toString() : firstProblem.getMessage();
    }
    return "closed by the peer";
  }
}
