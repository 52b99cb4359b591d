package io.tandem.mirror.link.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.link.PeerHeartbeat;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.WireProtocolException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The fixed payloads the transport adds to the wire: heartbeats and failed responses. */
class PayloadEncodingTest {
  @Test
  void aHeartbeatIsSixteenBytesOfSendTimeAndEcho() {
    Frame frame = HeartbeatPayload.frame(9, 4, 1_234_567, 1_234_500);
    assertEquals(FrameType.HEARTBEAT, frame.type());
    assertEquals(9, frame.seq());
    assertEquals(4, frame.epoch());
    assertArrayEquals(ByteBuffer.allocate(16).putLong(1_234_567).putLong(1_234_500).array(), frame.payload());

    PeerHeartbeat read = HeartbeatPayload.read(frame, "peer");
    assertEquals(4, read.senderEpoch());
    assertEquals(1_234_567, read.sentAtMs());
    assertEquals(1_234_500, read.echoedSentAtMs());
  }

  @Test
  void notHeardTravelsAsLongMinValue() {
    Frame frame = HeartbeatPayload.frame(1, 0, -5, PeerHeartbeat.NOT_HEARD);
    assertEquals(Long.MIN_VALUE, ByteBuffer.wrap(frame.payload()).getLong(8));
    assertEquals(PeerHeartbeat.NOT_HEARD, HeartbeatPayload.read(frame, "peer").echoedSentAtMs());
    assertEquals(-5, HeartbeatPayload.read(frame, "peer").sentAtMs(), "a monotonic clock may read negative");
  }

  @Test
  void aHeartbeatOfAnyOtherLengthIsRefusedNamingThePeer() {
    Frame shortOne = Frame.of(FrameType.HEARTBEAT, 1, 0, new byte[15]);
    WireProtocolException e = assertThrows(WireProtocolException.class,
        () -> HeartbeatPayload.read(shortOne, "site-a at /10.0.0.1:4000"));
    assertEquals("heartbeat from site-a at /10.0.0.1:4000 has a payload of 15 bytes; expected 16", e.getMessage());
    assertThrows(WireProtocolException.class,
        () -> HeartbeatPayload.read(Frame.of(FrameType.HEARTBEAT, 1, 0, new byte[17]), "peer"));
    assertThrows(IllegalArgumentException.class,
        () -> HeartbeatPayload.read(Frame.of(FrameType.REQUEST, 1, 0, new byte[16]), "peer"));
  }

  @Test
  void aFailedResponseCarriesItsFlagAndABoundedReason() {
    Frame ok = ResponseFrames.success(FrameType.RESPONSE, 3, 2, new byte[] {7});
    assertFalse(ResponseFrames.isFailure(ok));

    Frame failed = ResponseFrames.failure(FrameType.RESPONSE, 3, 2, "épreuve refusée");
    assertTrue(ResponseFrames.isFailure(failed));
    assertEquals(3, failed.seq());
    assertEquals(2, failed.epoch());
    assertEquals("épreuve refusée", ResponseFrames.reason(failed));

    String longReason = "é".repeat(1000); // 2000 bytes: cut at 1024, which falls between the bytes of no character
    Frame cut = ResponseFrames.failure(FrameType.RESPONSE, 1, 0, longReason);
    assertEquals(ResponseFrames.MAX_REASON_BYTES, cut.payloadLength());
    assertEquals("é".repeat(512), ResponseFrames.reason(cut));

    Frame cutMidCharacter = ResponseFrames.failure(FrameType.RESPONSE, 1, 0, "a" + "é".repeat(1000));
    String reason = ResponseFrames.reason(cutMidCharacter);
    assertTrue(reason.endsWith("\uFFFD"), "a character cut in two reads as U+FFFD");
    assertEquals(ResponseFrames.MAX_REASON_BYTES, cutMidCharacter.payloadLength());
  }
}
