package io.tandem.mirror.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** One link frame; immutable. See {@link WireFormat} for its bytes. */
public final class Frame {
  private static final byte[] EMPTY = new byte[0];

  private final byte version;
  private final FrameType type;
  private final byte flags;
  private final long seq;
  private final long epoch;
  private final byte[] payload;
  /**
   * The payload's second part, after {@link #payload} (empty for most frames): a request's file content, sent from
   * the array it was read into rather than copied behind its header first.
   */
  private final byte[] tail;
  private final int tailOffset;
  private final int tailLength;

  public Frame(byte version, FrameType type, byte flags, long seq, long epoch, byte[] payload) {
    this(version, type, flags, seq, epoch, Objects.requireNonNull(payload, "payload").clone(), true);
  }

  private Frame(byte version, FrameType type, byte flags, long seq, long epoch, byte[] ownedPayload, boolean check) {
    this(version, type, flags, seq, epoch, ownedPayload, EMPTY, 0, 0, check);
  }

  private Frame(byte version, FrameType type, byte flags, long seq, long epoch, byte[] ownedPayload, byte[] tail,
      int tailOffset, int tailLength, boolean check) {
    this.version = version;
    this.type = Objects.requireNonNull(type, "type");
    this.flags = flags;
    this.seq = seq;
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch " + epoch + " is negative");
    }
    this.epoch = epoch;
    if (tailOffset < 0 || tailLength < 0 || tailOffset + tailLength > tail.length) {
      throw new IllegalArgumentException("payload part at " + tailOffset + "+" + tailLength + " lies outside its "
          + tail.length + "-byte array");
    }
    long length = (long) ownedPayload.length + tailLength;
    if (check && WireFormat.frameLength(length) > WireFormat.MAX_FRAME_LENGTH_LIMIT) {
      throw new IllegalArgumentException("payload of " + length + " bytes cannot fit in a frame");
    }
    this.payload = ownedPayload;
    this.tail = tail;
    this.tailOffset = tailOffset;
    this.tailLength = tailLength;
  }

  /** A frame of the current version with no flags. */
  public static Frame of(FrameType type, long seq, long epoch, byte[] payload) {
    return new Frame(WireFormat.VERSION, type, (byte) 0, seq, epoch, payload);
  }

  /** A handshake or notice frame: seq and epoch 0. */
  public static Frame control(FrameType type, byte[] payload) {
    return of(type, 0, 0, payload);
  }

  /** A frame with no payload. */
  public static Frame empty(FrameType type, long seq, long epoch) {
    return new Frame(WireFormat.VERSION, type, (byte) 0, seq, epoch, EMPTY, false);
  }

  /**
   * A frame whose payload is {@code head} followed by {@code length} bytes of {@code content} from {@code offset},
   * both taken over without copying: the caller never changes either again. The content goes on the wire straight
   * from its array.
   */
  public static Frame handOver(FrameType type, long seq, long epoch, byte[] head, byte[] content, int offset,
      int length) {
    return new Frame(WireFormat.VERSION, type, (byte) 0, seq, epoch, Objects.requireNonNull(head, "head"),
        Objects.requireNonNull(content, "content"), offset, length, true);
  }

  /** For the decoder: takes the freshly read array without copying it again. */
  static Frame adopt(byte version, FrameType type, byte flags, long seq, long epoch, byte[] payload) {
    return new Frame(version, type, flags, seq, epoch, payload, false);
  }

  public byte version() {
    return version;
  }

  public FrameType type() {
    return type;
  }

  public byte flags() {
    return flags;
  }

  public long seq() {
    return seq;
  }

  public long epoch() {
    return epoch;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return tailLength == 0 ? payload.clone() : joined();
  }

  /**
   * The payload array itself, not a copy (a frame in two parts joins them first): for a caller that only reads it
   * and would otherwise copy every byte of a large request (the request handlers, whose frames the decoder made in
   * one part). Nobody writes to it.
   */
  public byte[] payloadShared() {
    return tailLength == 0 ? payload : joined();
  }

  /** The payload without copying (a frame in two parts joins them first), read-only. */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payloadShared()).asReadOnlyBuffer();
  }

  public int payloadLength() {
    return payload.length + tailLength;
  }

  /** The value of this frame's {@code length} field. */
  public long frameLength() {
    return WireFormat.frameLength(payloadLength());
  }

  /** Writes the payload's bytes to {@code out}, each part from its own array. */
  void writePayloadTo(io.netty.buffer.ByteBuf out) {
    out.writeBytes(payload);
    if (tailLength > 0) {
      out.writeBytes(tail, tailOffset, tailLength);
    }
  }

  private byte[] joined() {
    byte[] all = Arrays.copyOf(payload, payload.length + tailLength);
    System.arraycopy(tail, tailOffset, all, payload.length, tailLength);
    return all;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Frame)) {
      return false;
    }
    Frame f = (Frame) o;
    return version == f.version && type == f.type && flags == f.flags && seq == f.seq && epoch == f.epoch
        && Arrays.equals(payloadShared(), f.payloadShared());
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, type, flags, seq, epoch) * 31 + Arrays.hashCode(payloadShared());
  }

  /** Never shows payload bytes: they may hold file data. */
  @Override
  public String toString() {
    return "Frame{" + type + " v" + version + " flags=0x" + Integer.toHexString(flags & 0xff) + " seq=" + seq
        + " epoch=" + epoch + " payload=" + payloadLength() + " bytes}";
  }
}
