package io.tandem.mirror.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Bytes to {@link Frame}s. Each field is judged as soon as its bytes arrive (magic, then length, then version), so a
 * stranger is refused on its first bytes and a length over the bound is refused before anything is buffered for it.
 * Until {@link #peerAuthenticated()} a tighter bound may apply, so that an unauthenticated connection cannot make
 * this side buffer a large frame. The first problem raises one {@link WireProtocolException}; every byte after it
 * is discarded, so one bad stream yields one error however much more it sends. One instance per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameLength;
  private final int maxFrameLengthBeforeAuthentication;
  private boolean authenticated;
  private boolean failed;

  /** Bounds frames at {@link WireFormat#DEFAULT_MAX_FRAME_LENGTH}. */
  public FrameDecoder() {
    this(WireFormat.DEFAULT_MAX_FRAME_LENGTH);
  }

  /** @param maxFrameLength the largest {@code length} field accepted (bytes after the length field) */
  public FrameDecoder(int maxFrameLength) {
    this(maxFrameLength, maxFrameLength);
  }

  /**
   * @param maxFrameLength the largest {@code length} field accepted once the peer is authenticated
   * @param maxFrameLengthBeforeAuthentication the largest accepted until then, e.g.
   *     {@link WireFormat#HANDSHAKE_MAX_FRAME_LENGTH}
   */
  public FrameDecoder(int maxFrameLength, int maxFrameLengthBeforeAuthentication) {
    this.maxFrameLength = WireFormat.checkMaxFrameLength(maxFrameLength);
    this.maxFrameLengthBeforeAuthentication = Math.min(maxFrameLength,
        WireFormat.checkMaxFrameLength(maxFrameLengthBeforeAuthentication));
  }

  public int maxFrameLength() {
    return maxFrameLength;
  }

  /** Lifts the bound to {@link #maxFrameLength()}; called by the auth handler when the handshake succeeds. */
  public void peerAuthenticated() {
    authenticated = true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    peer(ctx); // remembered by the channel while connected, for messages after it closes
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    peer(ctx);
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      Frame frame = decodeOne(ctx, in);
      if (frame != null) {
        out.add(frame);
      }
    } catch (WireProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    decode(ctx, in, out);
    if (!failed && in.isReadable()) {
      int buffered = in.readableBytes();
      String problem = "connection from " + peer(ctx) + " ended inside a frame: " + buffered + " of "
          + expectedBytes(in, buffered) + " bytes received";
      failed = true;
      in.skipBytes(buffered);
      throw new WireProtocolException(problem);
    }
  }

  private static String expectedBytes(ByteBuf in, int buffered) {
    if (buffered < WireFormat.PREFIX_LENGTH) {
      return "at least " + WireFormat.PREFIX_LENGTH;
    }
    return Long.toString(WireFormat.PREFIX_LENGTH + (long) in.getInt(in.readerIndex() + 4));
  }

  /** One frame, or null when more bytes are needed. Peeks until a frame is complete, then consumes it whole. */
  private Frame decodeOne(ChannelHandlerContext ctx, ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    checkMagic(ctx, in, start, Math.min(readable, WireFormat.MAGIC_LENGTH));
    if (readable < WireFormat.PREFIX_LENGTH) {
      return null;
    }
    int length = in.getInt(start + 4);
    checkLength(ctx, length);
    if (readable > WireFormat.VERSION_OFFSET) {
      checkVersion(ctx, in.getByte(start + WireFormat.VERSION_OFFSET));
    }
    if (readable < WireFormat.PREFIX_LENGTH + length) {
      return null;
    }
    int bodyStart = start + WireFormat.PREFIX_LENGTH;
    int checkedLength = length - WireFormat.CHECKSUM_LENGTH;
    int received = in.getInt(bodyStart + checkedLength);
    int computed = crc32c(in, bodyStart, checkedLength);
    if (received != computed) {
      throw new WireProtocolException("checksum mismatch in a frame of " + length + " bytes from " + peer(ctx)
          + ": CRC32C received 0x" + Integer.toHexString(received) + ", computed 0x" + Integer.toHexString(computed));
    }
    byte typeCode = in.getByte(start + WireFormat.TYPE_OFFSET);
    FrameType type = FrameType.fromCode(typeCode);
    if (type == null) {
      throw new WireProtocolException("unknown frame type " + (typeCode & 0xff) + " from " + peer(ctx));
    }
    long epoch = in.getLong(start + WireFormat.EPOCH_OFFSET);
    if (epoch < 0) {
      throw new WireProtocolException("negative epoch " + epoch + " in a " + type + " frame from " + peer(ctx));
    }
    byte[] payload = new byte[length - WireFormat.MIN_FRAME_LENGTH];
    in.getBytes(start + WireFormat.PAYLOAD_OFFSET, payload);
    in.readerIndex(start + WireFormat.PREFIX_LENGTH + length);
    return Frame.adopt(in.getByte(start + WireFormat.VERSION_OFFSET), type, in.getByte(start + WireFormat.FLAGS_OFFSET),
        in.getLong(start + WireFormat.SEQ_OFFSET), epoch, payload);
  }

  private static void checkMagic(ChannelHandlerContext ctx, ByteBuf in, int start, int available) {
    for (int i = 0; i < available; i++) {
      if (in.getByte(start + i) != WireFormat.magicByte(i)) {
        throw new WireProtocolException("bad magic " + describeBytes(in, start, available) + " from " + peer(ctx)
            + ": expected 0x544e444d (\"TNDM\"), so this is not a Tandem link peer");
      }
    }
  }

  private void checkLength(ChannelHandlerContext ctx, int length) {
    if (length < 0) {
      throw new WireProtocolException("negative frame length " + length + " from " + peer(ctx));
    }
    if (length < WireFormat.MIN_FRAME_LENGTH) {
      throw new WireProtocolException("frame of " + length + " bytes from " + peer(ctx) + " is shorter than the "
          + WireFormat.MIN_FRAME_LENGTH + "-byte minimum (header and checksum)");
    }
    int limit = authenticated ? maxFrameLength : maxFrameLengthBeforeAuthentication;
    if (length > limit) {
      throw new WireProtocolException("frame of " + length + " bytes exceeds the " + limit + "-byte limit"
          + (limit < maxFrameLength ? " before authentication" : "") + " from " + peer(ctx));
    }
  }

  private static void checkVersion(ChannelHandlerContext ctx, byte version) {
    if (version != WireFormat.VERSION) {
      throw new WireProtocolException("unsupported protocol version " + (version & 0xff) + " from " + peer(ctx)
          + ": this side speaks version " + WireFormat.VERSION);
    }
  }

  private static int crc32c(ByteBuf in, int index, int length) {
    CRC32C crc = new CRC32C();
    crc.update(in.nioBuffer(index, length));
    return (int) crc.getValue();
  }

  /** Hex, and the characters too when all are printable, so "GET " or "SSH-" tells who knocked. */
  private static String describeBytes(ByteBuf in, int start, int count) {
    StringBuilder hex = new StringBuilder("0x");
    StringBuilder text = new StringBuilder();
    boolean printable = true;
    for (int i = 0; i < count; i++) {
      int b = in.getByte(start + i) & 0xff;
      hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
      printable &= b >= 0x20 && b < 0x7f;
      text.append((char) b);
    }
    return printable ? hex + " (\"" + text + "\")" : hex.toString();
  }

  private static String peer(ChannelHandlerContext ctx) {
    return PeerNames.of(ctx);
  }
}
