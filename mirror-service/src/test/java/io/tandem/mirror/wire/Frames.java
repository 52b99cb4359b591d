package io.tandem.mirror.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Byte-level helpers for building well-formed and deliberately broken frames in tests. */
final class Frames {
  private Frames() {}

  static byte[] encode(Frame frame) {
    ByteBuf buf = Unpooled.buffer();
    try {
      FrameEncoder.writeFrame(frame, buf);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  /** Rewrites the trailing CRC32C of a single encoded frame so that a deliberate header change passes the check. */
  static byte[] rechecksum(byte[] frame) {
    CRC32C crc = new CRC32C();
    crc.update(frame, WireFormat.PREFIX_LENGTH, frame.length - WireFormat.PREFIX_LENGTH - WireFormat.CHECKSUM_LENGTH);
    ByteBuffer.wrap(frame).putInt(frame.length - WireFormat.CHECKSUM_LENGTH, (int) crc.getValue());
    return frame;
  }

  /** Magic and a length field, nothing more. */
  static byte[] header(int length) {
    return ByteBuffer.allocate(WireFormat.PREFIX_LENGTH).putInt(WireFormat.MAGIC).putInt(length).array();
  }
}
