package io.tandem.mirror.link.net;

import io.tandem.mirror.link.PeerHeartbeat;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.WireProtocolException;
import java.nio.ByteBuffer;

/**
 * The payload of a HEARTBEAT frame: exactly {@value #LENGTH} bytes, big-endian.
 *
 * <pre>
 *   offset  size  field
 *        0     8  sentAtMs: the sender's clock when it sent this heartbeat
 *        8     8  echoedSentAtMs: the receiver's sentAtMs from the newest heartbeat the sender got from it,
 *                 or Long.MIN_VALUE ({@link PeerHeartbeat#NOT_HEARD}) when it got none
 * </pre>
 *
 * The frame's epoch is the sender's epoch and its seq counts the heartbeats of that connection. Each side only ever
 * compares an echo with its own clock, so the two sites' clocks are never compared.
 */
public final class HeartbeatPayload {
  public static final int LENGTH = 16;

  private HeartbeatPayload() {}

  public static Frame frame(long seq, long epoch, long sentAtMs, long echoedSentAtMs) {
    byte[] payload = ByteBuffer.allocate(LENGTH).putLong(sentAtMs).putLong(echoedSentAtMs).array();
    return Frame.of(FrameType.HEARTBEAT, seq, epoch, payload);
  }

  /**
   * @param peer names the sender in the refusal
   * @throws WireProtocolException when the payload is not exactly {@value #LENGTH} bytes
   */
  public static PeerHeartbeat read(Frame frame, String peer) {
    if (frame.type() != FrameType.HEARTBEAT) {
      throw new IllegalArgumentException("not a heartbeat: " + frame);
    }
    if (frame.payloadLength() != LENGTH) {
      throw new WireProtocolException("heartbeat from " + peer + " has a payload of " + frame.payloadLength()
          + " bytes; expected " + LENGTH);
    }
    ByteBuffer b = frame.payloadBuffer();
    long sentAtMs = b.getLong();
    long echoedSentAtMs = b.getLong();
    return new PeerHeartbeat(frame.epoch(), sentAtMs, echoedSentAtMs);
  }
}
