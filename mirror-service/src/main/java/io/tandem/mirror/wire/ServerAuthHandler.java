package io.tandem.mirror.wire;

import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepting side of the handshake in a pipeline, after the frame codec. Answers HELLO and CHALLENGE_RESPONSE as
 * {@link ServerHandshake} decides; refuses anything else before AUTH_OK (a REQUEST or HEARTBEAT closes the
 * connection); removes itself and fires {@link PeerAuthenticated} on success.
 */
public final class ServerAuthHandler extends AuthHandlerSupport {
  private static final Logger LOG = LoggerFactory.getLogger(ServerAuthHandler.class);

  private final LinkAuthenticator authenticator;
  private ServerHandshake handshake;

  /** @param handshakeTimeoutMs the connection closes unless authenticated within this long of becoming active */
  public ServerAuthHandler(LinkAuthenticator authenticator, long handshakeTimeoutMs) {
    super(handshakeTimeoutMs);
    this.authenticator = authenticator;
  }

  @Override
  void start(ChannelHandlerContext ctx) {
    handshake = authenticator.newServerHandshake(PeerNames.of(ctx));
  }

  @Override
  void onFrame(ChannelHandlerContext ctx, Frame frame) {
    HandshakeStep step = handshake.receive(frame);
    if (step.reply() != null) {
      ctx.writeAndFlush(step.reply());
    }
    if (step.isComplete()) {
      LOG.info("Link connection from {} authenticated as {}", PeerNames.of(ctx), step.authenticated());
      succeed(ctx, step.authenticated());
    }
  }

  @Override
  void onClosedEarly(ChannelHandlerContext ctx) {
    // Port scanners and health checks connect and leave; not worth a warning.
    LOG.debug("Link connection from {} closed before authenticating", PeerNames.of(ctx));
  }
}
