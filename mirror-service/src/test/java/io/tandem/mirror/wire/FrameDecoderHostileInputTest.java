package io.tandem.mirror.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives, the decoder raises at most one {@link WireProtocolException} naming what is wrong, and the
 * connection is closed by {@link LinkErrorHandler} after an ERROR notice; nothing else escapes.
 */
class FrameDecoderHostileInputTest {
  private static final String FROM = " from embedded";

  /** decoder, recorder, error handler: the inbound half of a link pipeline, without auth. */
  private static final class Probe {
    final Recorder recorder = new Recorder();
    final EmbeddedChannel channel;

    Probe(int maxFrameLength) {
      channel = new EmbeddedChannel(new FrameDecoder(maxFrameLength), recorder, new LinkErrorHandler());
    }

    Probe() {
      this(WireFormat.DEFAULT_MAX_FRAME_LENGTH);
    }

    Probe send(byte[] bytes) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes));
      return this;
    }

    /** The single error's message, after checking the connection was told and closed. */
    String refusal() {
      Throwable t = recorder.onlyException();
      assertInstanceOf(WireProtocolException.class, t);
      assertFalse(channel.isOpen(), "the connection is closed");
      Frame notice = channel.readOutbound();
      assertEquals(FrameType.ERROR, notice.type(), "the peer is told why");
      assertEquals(t.getMessage(), HandshakeMessages.readNotice(notice));
      return t.getMessage();
    }
  }

  private static Frame request(int payloadLength) {
    return Frame.of(FrameType.REQUEST, 1, 5, new byte[payloadLength]);
  }

  @Test
  void badMagicIsRefusedAndShownAsText() {
    byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    String message = new Probe().send(http).refusal();
    assertEquals("bad magic 0x47455420 (\"GET \")" + FROM + ": expected 0x544e444d (\"TNDM\"), so this is not a"
        + " Tandem link peer", message);
  }

  @Test
  void badMagicIsRefusedOnItsFirstByte() {
    Probe probe = new Probe().send(new byte[] {0x16});
    assertTrue(probe.refusal().startsWith("bad magic 0x16" + FROM));
  }

  @Test
  void wrongVersionIsRefusedNamingBothVersions() {
    byte[] wire = Frames.encode(new Frame((byte) 2, FrameType.REQUEST, (byte) 0, 1, 1, new byte[4]));
    assertEquals("unsupported protocol version 2" + FROM + ": this side speaks version 1",
        new Probe().send(wire).refusal());
  }

  @Test
  void wrongVersionIsRefusedBeforeTheRestOfTheFrameArrives() {
    byte[] wire = Frames.encode(new Frame((byte) 9, FrameType.REQUEST, (byte) 0, 1, 1, new byte[4]));
    Probe probe = new Probe().send(Arrays.copyOf(wire, WireFormat.PREFIX_LENGTH + 1));
    assertTrue(probe.refusal().startsWith("unsupported protocol version 9"));
  }

  @Test
  void unknownTypeIsRefusedWithItsCode() {
    byte[] wire = Frames.encode(request(4));
    wire[WireFormat.TYPE_OFFSET] = 42;
    assertEquals("unknown frame type 42" + FROM, new Probe().send(Frames.rechecksum(wire)).refusal());
  }

  @Test
  void negativeLengthIsRefused() {
    assertEquals("negative frame length -1" + FROM, new Probe().send(Frames.header(-1)).refusal());
    assertEquals("negative frame length -2147483648" + FROM,
        new Probe().send(Frames.header(Integer.MIN_VALUE)).refusal());
  }

  @Test
  void lengthTooShortForHeaderAndChecksumIsRefused() {
    assertEquals("frame of 22 bytes" + FROM + " is shorter than the 23-byte minimum (header and checksum)",
        new Probe().send(Frames.header(22)).refusal());
  }

  @Test
  void hugeLengthIsRefusedWithoutAllocating() {
    assertEquals("frame of 2147483647 bytes exceeds the 16777216-byte limit" + FROM,
        new Probe().send(Frames.header(Integer.MAX_VALUE)).refusal());
  }

  @Test
  void corruptedPayloadByteFailsTheChecksum() {
    byte[] wire = Frames.encode(request(10));
    wire[WireFormat.PAYLOAD_OFFSET + 3] ^= 0x01;
    String message = new Probe().send(wire).refusal();
    assertTrue(message.startsWith("checksum mismatch in a frame of 33 bytes" + FROM + ": CRC32C received 0x"), message);
  }

  @Test
  void corruptedHeaderFieldsFailTheChecksum() {
    for (int offset : new int[] {WireFormat.TYPE_OFFSET, WireFormat.FLAGS_OFFSET, WireFormat.SEQ_OFFSET + 7,
        WireFormat.EPOCH_OFFSET}) {
      byte[] wire = Frames.encode(request(10));
      wire[offset] ^= 0x40;
      assertTrue(new Probe().send(wire).refusal().startsWith("checksum mismatch"), "byte " + offset);
    }
  }

  @Test
  void negativeEpochIsRefused() {
    byte[] wire = Frames.encode(request(0));
    ByteBuffer.wrap(wire).putLong(WireFormat.EPOCH_OFFSET, -7L);
    assertEquals("negative epoch -7 in a REQUEST frame" + FROM, new Probe().send(Frames.rechecksum(wire)).refusal());
  }

  @Test
  void streamEndingInsideAFrameIsReportedOnClose() {
    byte[] wire = Frames.encode(request(20));
    Probe probe = new Probe().send(Arrays.copyOf(wire, 30));
    assertTrue(probe.channel.isOpen(), "an incomplete frame is not yet an error");
    assertTrue(probe.recorder.exceptions.isEmpty());
    probe.channel.close();
    Throwable t = probe.recorder.onlyException();
    assertInstanceOf(WireProtocolException.class, t);
    assertEquals("connection from embedded ended inside a frame: 30 of 51 bytes received", t.getMessage());
  }

  @Test
  void aCorruptByteInALargeFrameArrivingInPiecesFailsTheChecksum() {
    byte[] wire = Frames.encode(request(300_000));
    wire[WireFormat.PAYLOAD_OFFSET + 200_000] ^= 0x10;
    Probe probe = new Probe();
    for (int at = 0; at < wire.length; at += 65_536) {
      probe.send(Arrays.copyOfRange(wire, at, Math.min(wire.length, at + 65_536)));
    }
    String message = probe.refusal();
    assertTrue(message.startsWith("checksum mismatch in a frame of 300023 bytes" + FROM), message);
  }

  @Test
  void streamEndingInsideTheChecksumOfAFrameArrivingInPiecesIsReportedOnClose() {
    byte[] wire = Frames.encode(request(100_000));
    Probe probe = new Probe().send(Arrays.copyOf(wire, 50_000)).send(Arrays.copyOfRange(wire, 50_000, wire.length - 2));
    assertTrue(probe.channel.isOpen(), "an incomplete frame is not yet an error");
    probe.channel.close();
    assertEquals("connection from embedded ended inside a frame: " + (wire.length - 2) + " of " + wire.length
        + " bytes received", probe.recorder.onlyException().getMessage());
  }

  @Test
  void streamEndingInsideTheLengthFieldIsReportedOnClose() {
    Probe probe = new Probe().send(new byte[] {'T', 'N', 'D', 'M', 0});
    probe.channel.finish();
    assertEquals("connection from embedded ended inside a frame: 5 of at least 8 bytes received",
        probe.recorder.onlyException().getMessage());
  }

  @Test
  void framesBeforeGarbageAreDeliveredThenOneErrorForEverythingAfter() {
    Frame good = request(3);
    Probe probe = new Probe().send(Frames.concat(Frames.encode(good), "garbage".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(1, probe.recorder.frames.size());
    assertEquals(good, probe.recorder.frames.get(0));
    assertTrue(probe.refusal().startsWith("bad magic"));
  }

  @Test
  void bytesAfterTheFirstErrorAreDiscardedSilently() {
    Probe probe = new Probe(WireFormat.DEFAULT_MAX_FRAME_LENGTH);
    probe.channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(Frames.header(-5)));
    probe.channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(Frames.header(-6)));
    probe.channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(Frames.encode(request(1))));
    probe.channel.runPendingTasks();
    assertEquals("negative frame length -5" + FROM, probe.refusal());
    assertTrue(probe.recorder.frames.isEmpty());
  }

  /**
   * 1000 seeded inputs: pure noise, noise behind a valid magic, plausible headers with noise bodies, and valid
   * frame streams with one byte flipped. Each must end with the channel closed and exactly one
   * WireProtocolException; no other throwable (and no OutOfMemoryError from trusting a length) may escape.
   */
  @Test
  void seededGarbageNeverEscapesAsAnythingButOneWireProtocolException() {
    Random random = new Random(0x7a4d);
    for (int i = 0; i < 1000; i++) {
      byte[] input = garbage(random, i % 4);
      Probe probe = new Probe(64 * 1024);
      try {
        for (int at = 0; at < input.length; ) {
          int n = Math.min(input.length - at, 1 + random.nextInt(64));
          if (probe.channel.isOpen()) {
            probe.channel.writeInbound(Unpooled.wrappedBuffer(input, at, n));
          }
          at += n;
        }
        probe.channel.finish();
      } catch (Throwable t) {
        fail("case " + i + " let " + t + " escape", t);
      }
      assertFalse(probe.channel.isOpen(), "case " + i + " left the channel open");
      Throwable t = probe.recorder.onlyException();
      assertInstanceOf(WireProtocolException.class, t, "case " + i);
      // Only the intact first frame of a flipped stream is real; noise must never decode into a frame.
      assertEquals(i % 4 == 3 ? 1 : 0, probe.recorder.frames.size(), "case " + i + " frames");
    }
  }

  private static byte[] garbage(Random random, int kind) {
    switch (kind) {
      case 0: {
        byte[] noise = new byte[1 + random.nextInt(2048)];
        random.nextBytes(noise);
        return noise;
      }
      case 1: {
        byte[] noise = new byte[4 + random.nextInt(2048)];
        random.nextBytes(noise);
        ByteBuffer.wrap(noise).putInt(0, WireFormat.MAGIC);
        return noise;
      }
      case 2: {
        int length = WireFormat.MIN_FRAME_LENGTH + random.nextInt(4096);
        byte[] body = new byte[length];
        random.nextBytes(body);
        if (random.nextBoolean()) {
          body[0] = WireFormat.VERSION;
        }
        return Frames.concat(Frames.header(length), body);
      }
      default: {
        byte[] a = Frames.encode(Frame.of(FrameType.REQUEST, random.nextLong(), 3, new byte[random.nextInt(300)]));
        byte[] b = Frames.encode(Frame.of(FrameType.RESPONSE, 2, 3, new byte[random.nextInt(300)]));
        byte[] stream = Frames.concat(a, b);
        int at = a.length + random.nextInt(b.length);
        stream[at] ^= (byte) (1 + random.nextInt(255));
        return stream;
      }
    }
  }
}
