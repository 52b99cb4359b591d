package io.tandem.mirror.wire;

import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting side of the handshake in a pipeline, after the frame codec. Sends HELLO once the channel is active,
 * then follows {@link ClientHandshake}; removes itself and fires {@link PeerAuthenticated} on success. A connection
 * that closes before that raises a {@link PeerRefusedException}, so whoever connects learns it failed.
 */
public final class ClientAuthHandler extends AuthHandlerSupport {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAuthHandler.class);

  private final LinkAuthenticator authenticator;
  private final String expectedServerSiteId;
  private ClientHandshake handshake;

  /**
   * @param expectedServerSiteId the site this connection must reach, or null to accept any site
   * @param handshakeTimeoutMs the connection closes unless authenticated within this long of becoming active
   */
  public ClientAuthHandler(LinkAuthenticator authenticator, String expectedServerSiteId, long handshakeTimeoutMs) {
    super(handshakeTimeoutMs);
    this.authenticator = authenticator;
    this.expectedServerSiteId = expectedServerSiteId;
  }

  @Override
  void start(ChannelHandlerContext ctx) {
    handshake = authenticator.newClientHandshake(PeerNames.of(ctx), expectedServerSiteId);
    ctx.writeAndFlush(handshake.hello());
  }

  @Override
  void onFrame(ChannelHandlerContext ctx, Frame frame) {
    HandshakeStep step = handshake.receive(frame);
    if (step.reply() != null) {
      ctx.writeAndFlush(step.reply());
    }
    if (step.isComplete()) {
      LOG.info("Link connection to {} authenticated as {}", PeerNames.of(ctx), step.authenticated());
      succeed(ctx, step.authenticated());
    }
  }

  @Override
  void onClosedEarly(ChannelHandlerContext ctx) {
    ctx.fireExceptionCaught(new PeerRefusedException("the peer at " + PeerNames.of(ctx)
        + " closed the connection before authentication completed"));
  }
}
