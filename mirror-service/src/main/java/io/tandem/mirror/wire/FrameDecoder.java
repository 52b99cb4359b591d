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
  /** The frame whose payload is being filled as its bytes arrive; null between frames. */
  private PartialFrame partial;

  /** The fixed fields of a frame, read once its header is in. */
  private static final class Header {
    final int length;
    final byte version;
    final byte typeCode;
    final byte flags;
    final long seq;
    final long epoch;

    /** The header of the frame at {@code start}, whose {@code length} field was judged already. */
    Header(ByteBuf in, int start, int length) {
      this.length = length;
      this.version = in.getByte(start + WireFormat.VERSION_OFFSET);
      this.typeCode = in.getByte(start + WireFormat.TYPE_OFFSET);
      this.flags = in.getByte(start + WireFormat.FLAGS_OFFSET);
      this.seq = in.getLong(start + WireFormat.SEQ_OFFSET);
      this.epoch = in.getLong(start + WireFormat.EPOCH_OFFSET);
    }

    int payloadLength() {
      return length - WireFormat.MIN_FRAME_LENGTH;
    }
  }

  /**
   * A frame whose header is in and judged but whose payload is still arriving: its bytes are moved into the payload
   * array, and into the checksum, as they come. Letting the cumulation buffer hold a large frame instead would copy
   * it again each time the buffer grows, and allocate the grown buffer outside the pool.
   */
  private static final class PartialFrame {
    final Header header;
    final byte[] payload;
    final CRC32C crc = new CRC32C();
    int filled;

    PartialFrame(ByteBuf in, int start, Header header) {
      this.header = header;
      this.payload = new byte[header.payloadLength()];
      crc.update(in.nioBuffer(start + WireFormat.PREFIX_LENGTH, WireFormat.HEADER_LENGTH));
    }

    /** Bytes of the frame received so far, its prefix included. */
    long received() {
      return WireFormat.PAYLOAD_OFFSET + (long) filled;
    }
  }

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

  /** Bytes waiting in the cumulation buffer, those taken into a partial frame's payload not counted (for tests). */
  int bufferedBytes() {
    return actualReadableBytes();
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
      partial = null;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    decode(ctx, in, out);
    if (!failed && (in.isReadable() || partial != null)) {
      int buffered = in.readableBytes();
      String problem = "connection from " + peer(ctx) + " ended inside a frame: "
          + (partial == null ? buffered + " of " + expectedBytes(in, buffered)
              : (partial.received() + buffered) + " of " + (WireFormat.PREFIX_LENGTH + (long) partial.header.length))
          + " bytes received";
      failed = true;
      partial = null;
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

  /**
   * One frame, or null when more bytes are needed. A frame that is all there is consumed whole; one still arriving
   * is judged on its header, then its payload is taken in as it comes ({@link PartialFrame}).
   */
  private Frame decodeOne(ChannelHandlerContext ctx, ByteBuf in) {
    if (partial != null) {
      return fill(ctx, in);
    }
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
      if (readable < WireFormat.PAYLOAD_OFFSET) {
        return null;
      }
      partial = new PartialFrame(in, start, new Header(in, start, length));
      in.readerIndex(start + WireFormat.PAYLOAD_OFFSET);
      return fill(ctx, in);
    }
    int bodyStart = start + WireFormat.PREFIX_LENGTH;
    int checkedLength = length - WireFormat.CHECKSUM_LENGTH;
    int received = in.getInt(bodyStart + checkedLength);
    int computed = crc32c(in, bodyStart, checkedLength);
    Header header = new Header(in, start, length);
    byte[] payload = new byte[header.payloadLength()];
    in.getBytes(start + WireFormat.PAYLOAD_OFFSET, payload);
    in.readerIndex(start + WireFormat.PREFIX_LENGTH + length);
    return frame(ctx, header, received, computed, payload);
  }

  /** Takes what has arrived of the partial frame's payload, then its checksum; the frame once both are in. */
  private Frame fill(ChannelHandlerContext ctx, ByteBuf in) {
    PartialFrame p = partial;
    int n = Math.min(p.payload.length - p.filled, in.readableBytes());
    in.readBytes(p.payload, p.filled, n);
    p.crc.update(p.payload, p.filled, n);
    p.filled += n;
    if (p.filled < p.payload.length || in.readableBytes() < WireFormat.CHECKSUM_LENGTH) {
      return null;
    }
    partial = null;
    int received = in.readInt();
    return frame(ctx, p.header, received, (int) p.crc.getValue(), p.payload);
  }

  /** Judges a whole frame's checksum, type and epoch, in that order. */
  private static Frame frame(ChannelHandlerContext ctx, Header h, int received, int computed, byte[] payload) {
    if (received != computed) {
      throw new WireProtocolException("checksum mismatch in a frame of " + h.length + " bytes from " + peer(ctx)
          + ": CRC32C received 0x" + Integer.toHexString(received) + ", computed 0x" + Integer.toHexString(computed));
    }
    FrameType type = FrameType.fromCode(h.typeCode);
    if (type == null) {
      throw new WireProtocolException("unknown frame type " + (h.typeCode & 0xff) + " from " + peer(ctx));
    }
    if (h.epoch < 0) {
      throw new WireProtocolException("negative epoch " + h.epoch + " in a " + type + " frame from " + peer(ctx));
    }
    return Frame.adopt(h.version, type, h.flags, h.seq, h.epoch, payload);
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
