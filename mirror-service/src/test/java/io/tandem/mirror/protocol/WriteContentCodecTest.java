package io.tandem.mirror.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A WRITE's content on the wire: it round-trips byte for byte, and a decoded request reads it where it arrived. */
class WriteContentCodecTest {
  private final MirrorCodec codec = new MirrorCodec();

  @Test
  void contentRoundTripsAndStaysInTheArrivedPayload() {
    byte[] content = new byte[100_000];
    new Random(7).nextBytes(content);
    MirrorRequest r = MirrorRequest.builder(MirrorOp.WRITE, "v", null, 42, 1).path("d/f")
        .write(4096, 104_096, true, true, content).build();
    byte[] payload = codec.encode(r);
    MirrorRequest back = codec.decodeRequest(payload);

    assertSame(payload, back.dataArray(), "not copied out of the payload");
    assertEquals(content.length, back.dataLength());
    assertEquals(payload.length - content.length, back.dataOffset());
    assertArrayEquals(content, back.data());
    assertEquals(4096L, back.offset);
    assertTrue(back.isAppend() && back.isLast());
    // Encoding a decoded request (a receiver passing one on) sends only its content, not the header around it.
    assertArrayEquals(content, codec.decodeRequest(codec.encode(back)).data());
  }

  @Test
  void aRequestWithoutContentHasNone() {
    MirrorRequest r = codec.decodeRequest(codec.encode(MirrorRequest.builder(MirrorOp.MKDIRS, "v", null, 1, 0)
        .path("d").build()));
    assertEquals(0, r.dataLength());
    assertEquals(0, r.data().length);
  }

  @Test
  void contentOutsideItsArrayIsRefused() {
    MirrorRequest r = MirrorRequest.builder(MirrorOp.WRITE, "v", null, 1, 0).path("f")
        .write(0, 4, false, true, new byte[4]).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.withData(new byte[8], 6, 4));
    assertTrue(e.getMessage().contains("6+4") && e.getMessage().contains("8-byte"), e.getMessage());
  }
}
