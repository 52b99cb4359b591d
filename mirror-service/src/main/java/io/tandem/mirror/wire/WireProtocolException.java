package io.tandem.mirror.wire;

import io.netty.handler.codec.DecoderException;

/**
 * The peer sent something this side refuses; the message names what and from where. The connection it arrived on
 * is closed by {@link LinkErrorHandler}, which first tells the peer with a frame of {@link #replyType()} when that is
 * not null. A {@link DecoderException} so that Netty's decoders pass it on unwrapped.
 */
public class WireProtocolException extends DecoderException {
  private static final long serialVersionUID = 1L;

  private final FrameType replyType;

  /** The peer is told with an ERROR frame carrying this message. */
  public WireProtocolException(String message) {
    this(message, FrameType.ERROR);
  }

  protected WireProtocolException(String message, FrameType replyType) {
    super(message);
    this.replyType = replyType;
  }

  /** The notice sent to the peer before closing, or null when the peer already knows (it raised the problem). */
  public FrameType replyType() {
    return replyType;
  }
}
