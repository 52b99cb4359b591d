package io.tandem.mirror.wire;

/**
 * Byte layout of one link frame, big-endian throughout:
 *
 * <pre>
 *   offset  size  field
 *        0     4  magic 'TNDM' (0x544E444D)
 *        4     4  length: bytes that follow this field (header + payload + checksum), 23..limit
 *        8     1  protocol version (1)
 *        9     1  frame type ({@link FrameType#code()})
 *       10     1  flags (none defined in version 1; passed on untouched)
 *       11     8  seq: correlation id of a request and its response, or sequence number
 *       19     8  epoch of the volume or site the frame speaks for (0 during the handshake), never negative
 *       27     n  payload
 *     27+n     4  CRC32C over bytes 8 .. 27+n-1 (everything after the length field, before the checksum)
 * </pre>
 *
 * The limit on {@code length} is the decoder's and encoder's {@code maxFrameLength}; the magic comes first so a
 * stranger (an HTTP client, a port scanner) is recognised from its first bytes.
 */
public final class WireFormat {
  private WireFormat() {}

  /** 'TNDM' in ASCII. */
  public static final int MAGIC = 0x544E444D;
  public static final int MAGIC_LENGTH = 4;

  /** The one protocol version this code speaks. */
  public static final byte VERSION = 1;

  /** Magic and length: the part of a frame that {@code length} does not count. */
  public static final int PREFIX_LENGTH = 8;
  /** Version, type, flags, seq and epoch. */
  public static final int HEADER_LENGTH = 19;
  public static final int CHECKSUM_LENGTH = 4;
  /** The length of a frame with an empty payload. */
  public static final int MIN_FRAME_LENGTH = HEADER_LENGTH + CHECKSUM_LENGTH;
  /** Default bound on {@code length}: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;
  /**
   * Bound on frames before the peer is authenticated: the largest handshake frame (CHALLENGE, 151 bytes) and notice
   * (1047 bytes) fit with room to spare, and a stranger cannot make this side buffer more.
   */
  public static final int HANDSHAKE_MAX_FRAME_LENGTH = 4096;
  /** Largest bound a codec accepts, so that prefix + length always fits in an int. */
  public static final int MAX_FRAME_LENGTH_LIMIT = Integer.MAX_VALUE - PREFIX_LENGTH;

  static final int VERSION_OFFSET = PREFIX_LENGTH;
  static final int TYPE_OFFSET = PREFIX_LENGTH + 1;
  static final int FLAGS_OFFSET = PREFIX_LENGTH + 2;
  static final int SEQ_OFFSET = PREFIX_LENGTH + 3;
  static final int EPOCH_OFFSET = PREFIX_LENGTH + 11;
  static final int PAYLOAD_OFFSET = PREFIX_LENGTH + HEADER_LENGTH;

  /** The {@code length} field of a frame carrying {@code payloadLength} bytes. */
  public static long frameLength(long payloadLength) {
    return (long) MIN_FRAME_LENGTH + payloadLength;
  }

  /** Byte {@code index} (0..3) of the magic as it appears on the wire. */
  static byte magicByte(int index) {
    return (byte) (MAGIC >>> (8 * (MAGIC_LENGTH - 1 - index)));
  }

  static int checkMaxFrameLength(int maxFrameLength) {
    if (maxFrameLength < MIN_FRAME_LENGTH || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
      throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is outside " + MIN_FRAME_LENGTH + ".."
          + MAX_FRAME_LENGTH_LIMIT);
    }
    return maxFrameLength;
  }
}
