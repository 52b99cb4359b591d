package io.tandem.mirror.wire;

import io.netty.channel.ChannelPipeline;

/**
 * Puts the link's handlers into a pipeline in their order: frame decoder, frame encoder, auth handler, then
 * {@link LinkErrorHandler} last. Frames are bounded by {@link WireFormat#HANDSHAKE_MAX_FRAME_LENGTH} until the peer
 * is authenticated, by {@code maxFrameLength} after. Add the connection's own handlers before {@link #ERRORS}
 * ({@code pipeline.addBefore(LinkPipelines.ERRORS, ...)}); they see {@link PeerAuthenticated} first, then frames.
 */
public final class LinkPipelines {
  public static final String DECODER = "tandem-frame-decoder";
  public static final String ENCODER = "tandem-frame-encoder";
  public static final String AUTH = "tandem-auth";
  public static final String ERRORS = "tandem-link-errors";

  private LinkPipelines() {}

  /** An accepted connection. */
  public static void initServer(ChannelPipeline pipeline, LinkAuthenticator authenticator, int maxFrameLength,
      long handshakeTimeoutMs) {
    addCodec(pipeline, maxFrameLength);
    pipeline.addLast(AUTH, new ServerAuthHandler(authenticator, handshakeTimeoutMs));
    pipeline.addLast(ERRORS, new LinkErrorHandler());
  }

  /** A connection this side opens; {@code expectedServerSiteId} may be null to accept any site. */
  public static void initClient(ChannelPipeline pipeline, LinkAuthenticator authenticator,
      String expectedServerSiteId, int maxFrameLength, long handshakeTimeoutMs) {
    addCodec(pipeline, maxFrameLength);
    pipeline.addLast(AUTH, new ClientAuthHandler(authenticator, expectedServerSiteId, handshakeTimeoutMs));
    pipeline.addLast(ERRORS, new LinkErrorHandler());
  }

  private static void addCodec(ChannelPipeline pipeline, int maxFrameLength) {
    pipeline.addLast(DECODER, new FrameDecoder(maxFrameLength,
        Math.min(maxFrameLength, WireFormat.HANDSHAKE_MAX_FRAME_LENGTH)));
    pipeline.addLast(ENCODER, new FrameEncoder(maxFrameLength));
  }
}
