package io.tandem.mirror.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.zip.CRC32C;

/**
 * {@link Frame}s to bytes. Refuses (fails the write, keeps the connection) a frame longer than its bound, which
 * should equal the peer decoder's so that nothing is sent that the peer would refuse. Stateless, so sharable.
 */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
  private final int maxFrameLength;

  /** Bounds frames at {@link WireFormat#DEFAULT_MAX_FRAME_LENGTH}. */
  public FrameEncoder() {
    this(WireFormat.DEFAULT_MAX_FRAME_LENGTH);
  }

  public FrameEncoder(int maxFrameLength) {
    super(Frame.class);
    this.maxFrameLength = WireFormat.checkMaxFrameLength(maxFrameLength);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
    long length = frame.frameLength();
    if (length > maxFrameLength) {
      throw new EncoderException("refusing to send a " + frame.type() + " frame of " + length + " bytes to "
          + PeerNames.of(ctx) + ": it exceeds the " + maxFrameLength + "-byte limit");
    }
    int size = WireFormat.PREFIX_LENGTH + (int) length;
    return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    writeFrame(frame, out);
  }

  /** Appends the frame's bytes to {@code out}; no bound is applied. */
  public static void writeFrame(Frame frame, ByteBuf out) {
    out.writeInt(WireFormat.MAGIC);
    out.writeInt((int) frame.frameLength());
    int bodyStart = out.writerIndex();
    out.writeByte(frame.version());
    out.writeByte(frame.type().code());
    out.writeByte(frame.flags());
    out.writeLong(frame.seq());
    out.writeLong(frame.epoch());
    frame.writePayloadTo(out);
    CRC32C crc = new CRC32C();
    crc.update(out.nioBuffer(bodyStart, out.writerIndex() - bodyStart));
    out.writeInt((int) crc.getValue());
  }
}
