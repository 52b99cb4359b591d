package io.tandem.mirror.link.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.link.PeerHeartbeat;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkPipelines;
import io.tandem.mirror.wire.PeerAuthenticated;
import io.tandem.mirror.wire.WireProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's handler of one accepted connection, after authentication (placed before
 * {@link LinkPipelines#ERRORS}): registers it, answers each heartbeat at once with one of its own that echoes the
 * sender's time, hands requests to their route and writes each response with the request's seq, and closes the
 * connection when nothing at all arrived on it for longer than the heartbeat timeout. One instance per channel;
 * everything but the response writes runs on the channel's I/O thread.
 */
final class ServerConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionHandler.class);

  private final RequestRoutes routes;
  private final ServerConnections registry;
  private final LinkTimings timings;
  private final LongSupplier clock;
  private final LongSupplier localEpoch;
  private ServerConnection connection;
  private boolean registered;
  private ScheduledFuture<?> silenceCheck;

  ServerConnectionHandler(RequestRoutes routes, ServerConnections registry, LinkTimings timings, LongSupplier clock,
      LongSupplier localEpoch) {
    this.routes = routes;
    this.registry = registry;
    this.timings = timings;
    this.clock = clock;
    this.localEpoch = localEpoch;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof PeerAuthenticated) {
      onAuthenticated(ctx, (PeerAuthenticated) evt);
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void onAuthenticated(ChannelHandlerContext ctx, PeerAuthenticated peer) {
    connection = new ServerConnection(ctx.channel(), peer.siteId(), clock.getAsLong());
    if (!registry.tryAdd(connection)) {
      ctx.fireExceptionCaught(new WireProtocolException("too many link connections from site " + peer.siteId()
          + ": refusing " + connection.remoteAddress() + " beyond the limit of " + registry.limitFor(peer.siteId())));
      return;
    }
    registered = true;
    armSilenceCheck(ctx, timings.heartbeatTimeoutMs() + 1);
  }

  /** Runs when the connection could first count as silent; re-arms for the next such moment while it is not. */
  private void armSilenceCheck(ChannelHandlerContext ctx, long delayMs) {
    silenceCheck = ctx.executor().schedule(() -> checkSilence(ctx), delayMs, TimeUnit.MILLISECONDS);
  }

  private void checkSilence(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    long silentMs = clock.getAsLong() - connection.lastHeardMs();
    long timeoutMs = timings.heartbeatTimeoutMs();
    if (silentMs > timeoutMs) {
      LOG.warn("Closing link connection from {}: nothing heard for {} ms, longer than the heartbeat timeout of {} ms",
          connection, silentMs, timeoutMs);
      ctx.close();
      return;
    }
    armSilenceCheck(ctx, timeoutMs - silentMs + 1);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!registered) {
      // The auth handler passes nothing on before authentication; after a refused registration, drop what follows.
      return;
    }
    Frame frame = (Frame) msg;
    connection.heard(clock.getAsLong());
    if (frame.type() == FrameType.HEARTBEAT) {
      answerHeartbeat(ctx, frame);
      return;
    }
    RequestRoutes.Route route = routes.route(frame.type());
    if (route == null) {
      throw new WireProtocolException("unexpected " + frame.type() + " frame from " + connection
          + ": this side accepts heartbeats and " + routes);
    }
    dispatch(ctx, route, frame);
  }

  private void answerHeartbeat(ChannelHandlerContext ctx, Frame frame) {
    PeerHeartbeat heartbeat = HeartbeatPayload.read(frame, connection.toString());
    ctx.writeAndFlush(HeartbeatPayload.frame(frame.seq(), localEpoch.getAsLong(), clock.getAsLong(),
        heartbeat.sentAtMs()));
  }

  private void dispatch(ChannelHandlerContext ctx, RequestRoutes.Route route, Frame request) {
    connection.requestStarted();
    CompletableFuture<byte[]> result;
    try {
      result = route.handler().handle(connection.peerSite(), request.epoch(), request.payloadShared());
      if (result == null) {
        result = failed(new IllegalStateException("the request handler returned no future"));
      }
    } catch (RuntimeException e) {
      result = failed(e);
    }
    result.whenComplete((payload, error) -> {
      connection.requestEnded();
      respond(ctx, route, request, payload, error);
    });
  }

  private static CompletableFuture<byte[]> failed(Throwable t) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    f.completeExceptionally(t);
    return f;
  }

  private void respond(ChannelHandlerContext ctx, RequestRoutes.Route route, Frame request, byte[] payload,
      Throwable error) {
    Frame response;
    if (error == null) {
      response = ResponseFrames.success(route.responseType(), request.seq(), request.epoch(),
          payload == null ? new byte[0] : payload);
    } else {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      LOG.warn("Request {} from {} failed: {}", request.seq(), connection, cause.toString());
      response = ResponseFrames.failure(route.responseType(), request.seq(), request.epoch(), cause.toString());
    }
    if (!ctx.channel().isActive()) {
      LOG.debug("Dropping the response to request {} from {}: the connection closed first", request.seq(),
          connection);
      return;
    }
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        LOG.debug("Response to request {} from {} was not sent: {}", request.seq(), connection, f.cause().toString());
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (silenceCheck != null) {
      silenceCheck.cancel(false);
    }
    if (registered) {
      registry.remove(connection);
      LOG.info("Link connection from {} closed", connection);
    }
    ctx.fireChannelInactive();
  }
}
