package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTest {
  private static final int SMALL_LIMIT = 1024;

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static Frame encodeThenDecode(Frame frame, int maxFrameLength) {
    EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder(maxFrameLength));
    assertTrue(encoder.writeOutbound(frame));
    ByteBuf bytes = encoder.readOutbound();
    EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(maxFrameLength));
    assertTrue(decoder.writeInbound(bytes));
    Frame decoded = decoder.readInbound();
    assertNull(decoder.readInbound(), "one frame in, one frame out");
    assertFalse(decoder.finish());
    return decoded;
  }

  @ParameterizedTest
  @EnumSource(FrameType.class)
  void everyFrameTypeSurvivesEncodeAndDecode(FrameType type) {
    Frame frame = new Frame(WireFormat.VERSION, type, (byte) 0xa5, -42L, Long.MAX_VALUE,
        randomBytes(new Random(type.ordinal()), 300));
    Frame decoded = encodeThenDecode(frame, WireFormat.DEFAULT_MAX_FRAME_LENGTH);
    assertEquals(frame, decoded);
    assertEquals(type, decoded.type());
    assertEquals((byte) 0xa5, decoded.flags());
    assertEquals(-42L, decoded.seq());
    assertEquals(Long.MAX_VALUE, decoded.epoch());
  }

  @Test
  void aPayloadInTwoPartsGoesOnTheWireAsOne() {
    Random random = new Random(11);
    byte[] head = randomBytes(random, 37);
    byte[] content = randomBytes(random, 5000);
    Frame parts = Frame.handOver(FrameType.REQUEST, 7, 2, head, content, 100, 4000);
    byte[] joined = new byte[37 + 4000];
    System.arraycopy(head, 0, joined, 0, 37);
    System.arraycopy(content, 100, joined, 37, 4000);
    Frame whole = Frame.of(FrameType.REQUEST, 7, 2, joined);

    assertEquals(whole, parts);
    assertEquals(whole.frameLength(), parts.frameLength());
    Frame decoded = encodeThenDecode(parts, WireFormat.DEFAULT_MAX_FRAME_LENGTH);
    assertEquals(whole, decoded);
    assertArrayEquals(joined, decoded.payloadShared());
    assertThrows(IllegalArgumentException.class,
        () -> Frame.handOver(FrameType.REQUEST, 7, 2, head, content, 4000, 1001));
  }

  @Test
  void emptyPayloadSurvivesEncodeAndDecode() {
    Frame heartbeat = Frame.empty(FrameType.HEARTBEAT, 9, 3);
    assertEquals(heartbeat, encodeThenDecode(heartbeat, SMALL_LIMIT));
    assertEquals(WireFormat.MIN_FRAME_LENGTH, heartbeat.frameLength());
  }

  @Test
  void bytesFollowTheDocumentedLayout() {
    byte[] payload = {10, 20, 30};
    byte[] wire = Frames.encode(new Frame((byte) 1, FrameType.REQUEST, (byte) 0x03, 0x0102030405060708L, 77L, payload));
    ByteBuffer b = ByteBuffer.wrap(wire);
    assertEquals(WireFormat.PREFIX_LENGTH + WireFormat.MIN_FRAME_LENGTH + 3, wire.length);
    assertEquals(0x544E444D, b.getInt(0), "magic 'TNDM'");
    assertEquals('T', wire[0]);
    assertEquals(26, b.getInt(4), "length counts everything after itself");
    assertEquals(1, wire[8], "version");
    assertEquals(FrameType.REQUEST.code(), wire[9]);
    assertEquals(0x03, wire[10], "flags");
    assertEquals(0x0102030405060708L, b.getLong(11), "seq");
    assertEquals(77L, b.getLong(19), "epoch");
    assertArrayEquals(payload, Arrays.copyOfRange(wire, 27, 30));
    CRC32C crc = new CRC32C();
    crc.update(wire, 8, wire.length - 8 - 4);
    assertEquals((int) crc.getValue(), b.getInt(wire.length - 4), "CRC32C over everything after the length");
  }

  @Test
  void frameExactlyAtTheLimitIsAccepted() {
    Frame atLimit = Frame.of(FrameType.RESPONSE, 1, 1, new byte[SMALL_LIMIT - WireFormat.MIN_FRAME_LENGTH]);
    assertEquals(SMALL_LIMIT, atLimit.frameLength());
    assertEquals(atLimit, encodeThenDecode(atLimit, SMALL_LIMIT));
  }

  @Test
  void frameOneByteOverTheLimitIsRefusedFromItsHeaderAlone() {
    EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(SMALL_LIMIT));
    // Only magic and length arrive: the refusal must not wait for (or buffer) the body.
    WireProtocolException e = assertThrows(WireProtocolException.class,
        () -> decoder.writeInbound(Unpooled.wrappedBuffer(Frames.header(SMALL_LIMIT + 1))));
    assertEquals("frame of 1025 bytes exceeds the 1024-byte limit from embedded", e.getMessage());
  }

  @Test
  void tighterBoundBeforeAuthenticationIsLiftedByPeerAuthenticated() {
    FrameDecoder decoder = new FrameDecoder(SMALL_LIMIT, 100);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    Frame large = Frame.of(FrameType.REQUEST, 1, 1, new byte[500]);
    assertEquals("frame of 523 bytes exceeds the 100-byte limit before authentication from embedded",
        assertThrows(WireProtocolException.class,
            () -> channel.writeInbound(Unpooled.wrappedBuffer(Frames.encode(large)))).getMessage());

    FrameDecoder authenticated = new FrameDecoder(SMALL_LIMIT, 100);
    EmbeddedChannel after = new EmbeddedChannel(authenticated);
    authenticated.peerAuthenticated();
    after.writeInbound(Unpooled.wrappedBuffer(Frames.encode(large)));
    assertEquals(large, after.readInbound());
  }

  @Test
  void defaultLimitCarriesA16MiBFrameAndTheEncoderRefusesOneByteMore() {
    int maxPayload = WireFormat.DEFAULT_MAX_FRAME_LENGTH - WireFormat.MIN_FRAME_LENGTH;
    Frame biggest = Frame.of(FrameType.REQUEST, 5, 2, randomBytes(new Random(7), maxPayload));
    assertEquals(biggest, encodeThenDecode(biggest, WireFormat.DEFAULT_MAX_FRAME_LENGTH));

    EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
    ChannelFuture write = encoder.writeOneOutbound(Frame.of(FrameType.REQUEST, 6, 2, new byte[maxPayload + 1]));
    encoder.flushOutbound();
    assertFalse(write.isSuccess());
    assertInstanceOf(EncoderException.class, write.cause());
    assertEquals("refusing to send a REQUEST frame of 16777217 bytes to embedded: it exceeds the 16777216-byte limit",
        write.cause().getMessage());
    assertTrue(encoder.isOpen(), "a refused write is the sender's bug, not a reason to drop the connection");
    assertNull(encoder.readOutbound());
  }

  @Test
  void byteByByteDeliveryYieldsTheFrameOnlyWithItsLastByte() {
    Frame frame = Frame.of(FrameType.REQUEST, 12, 4, "hello".getBytes());
    byte[] wire = Frames.encode(frame);
    EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
    for (int i = 0; i < wire.length - 1; i++) {
      decoder.writeInbound(Unpooled.wrappedBuffer(wire, i, 1));
      assertNull(decoder.readInbound(), "no frame before byte " + (i + 1));
    }
    decoder.writeInbound(Unpooled.wrappedBuffer(wire, wire.length - 1, 1));
    assertEquals(frame, decoder.readInbound());
  }

  @Test
  void severalFramesInOneBufferComeOutInOrder() {
    List<Frame> sent = new ArrayList<>();
    List<byte[]> wire = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Frame f = Frame.of(FrameType.values()[i], i, i * 10L, new byte[i * 7]);
      sent.add(f);
      wire.add(Frames.encode(f));
    }
    EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
    decoder.writeInbound(Unpooled.wrappedBuffer(Frames.concat(wire.toArray(new byte[0][]))));
    for (Frame f : sent) {
      assertEquals(f, decoder.readInbound());
    }
    assertNull(decoder.readInbound());
  }

  @Test
  void framesSplitAtArbitraryPointsAllArrive() {
    Random random = new Random(2024);
    List<Frame> sent = new ArrayList<>();
    List<byte[]> wire = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Frame f = Frame.of(FrameType.REQUEST, i, 1, randomBytes(random, random.nextInt(200)));
      sent.add(f);
      wire.add(Frames.encode(f));
    }
    byte[] stream = Frames.concat(wire.toArray(new byte[0][]));
    EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
    for (int at = 0; at < stream.length; ) {
      int n = Math.min(stream.length - at, 1 + random.nextInt(97));
      decoder.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
      at += n;
    }
    for (Frame f : sent) {
      assertEquals(f, decoder.readInbound());
    }
    assertNull(decoder.readInbound());
    assertFalse(decoder.finish());
  }

  /**
   * Large frames arriving in socket-sized pieces, each piece ending mid-frame and some holding the end of one
   * frame and the start of the next: every frame arrives whole, and nothing of one stays behind in the
   * decoder's buffer once its payload is being filled (so the buffer never grows to a frame's size).
   */
  @Test
  void largeFramesInSocketSizedPiecesArriveWholeWithoutBufferingThem() {
    Random random = new Random(77);
    List<Frame> sent = new ArrayList<>();
    List<byte[]> wire = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Frame f = Frame.of(FrameType.REQUEST, i, 3, randomBytes(random, 100_000 + random.nextInt(400_000)));
      sent.add(f);
      wire.add(Frames.encode(f));
    }
    byte[] stream = Frames.concat(wire.toArray(new byte[0][]));
    FrameDecoder frameDecoder = new FrameDecoder();
    EmbeddedChannel decoder = new EmbeddedChannel(frameDecoder);
    int mostBuffered = 0;
    for (int at = 0; at < stream.length; ) {
      int n = Math.min(stream.length - at, 1 + random.nextInt(65_536));
      decoder.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
      mostBuffered = Math.max(mostBuffered, frameDecoder.bufferedBytes());
      at += n;
    }
    for (Frame f : sent) {
      assertEquals(f, decoder.readInbound());
    }
    assertNull(decoder.readInbound());
    assertFalse(decoder.finish());
    assertTrue(mostBuffered < WireFormat.PAYLOAD_OFFSET + WireFormat.CHECKSUM_LENGTH,
        "at most a header or a checksum waits in the buffer, not " + mostBuffered + " bytes");
  }

  @Test
  void encoderOutputIsExactlySized() {
    EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
    encoder.writeOutbound(Frame.of(FrameType.RESPONSE, 1, 1, new byte[100]));
    ByteBuf out = encoder.readOutbound();
    assertEquals(WireFormat.PREFIX_LENGTH + WireFormat.MIN_FRAME_LENGTH + 100, out.readableBytes());
    assertEquals(out.readableBytes(), out.capacity());
    assertArrayEquals(Frames.encode(Frame.of(FrameType.RESPONSE, 1, 1, new byte[100])), ByteBufUtil.getBytes(out));
    out.release();
  }

  @Test
  void frameIsImmutable() {
    byte[] payload = {1, 2, 3};
    Frame frame = Frame.of(FrameType.REQUEST, 1, 1, payload);
    payload[0] = 9;
    frame.payload()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, frame.payload());
    assertThrows(ReadOnlyBufferException.class, () -> frame.payloadBuffer().put((byte) 0));
  }

  @Test
  void frameRefusesANegativeEpochAndHidesItsPayloadWhenPrinted() {
    assertThrows(IllegalArgumentException.class, () -> Frame.of(FrameType.REQUEST, 1, -1, new byte[0]));
    String shown = Frame.of(FrameType.REQUEST, 3, 8, "secret-bytes".getBytes()).toString();
    assertEquals("Frame{REQUEST v1 flags=0x0 seq=3 epoch=8 payload=12 bytes}", shown);
  }

  @Test
  void codecsRefuseALimitBelowTheSmallestFrame() {
    assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(WireFormat.MIN_FRAME_LENGTH - 1));
    assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(0));
  }

  @Test
  void everyWireCodeMapsBackToItsType() {
    for (FrameType t : FrameType.values()) {
      assertEquals(t, FrameType.fromCode(t.code()));
    }
    assertNull(FrameType.fromCode((byte) 0));
    assertNull(FrameType.fromCode((byte) 0xff));
  }
}
