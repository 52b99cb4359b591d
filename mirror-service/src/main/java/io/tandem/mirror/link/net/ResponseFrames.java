package io.tandem.mirror.link.net;

import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a response says whether its request was handled. A response answers its request with the same seq and epoch.
 * Flag bit {@link #FAILED} set: the peer's handler failed and the payload is the reason, UTF-8, at most
 * {@value #MAX_REASON_BYTES} bytes; the connection stays open. Clear: the payload is the handler's answer.
 */
public final class ResponseFrames {
  /** Flag bit of a response whose request failed on the peer. */
  static final byte FAILED = 0x01;
  static final int MAX_REASON_BYTES = 1024;

  private ResponseFrames() {}

  static Frame success(FrameType type, long seq, long epoch, byte[] payload) {
    return Frame.of(type, seq, epoch, payload);
  }

  static Frame failure(FrameType type, long seq, long epoch, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    if (text.length > MAX_REASON_BYTES) {
      text = Arrays.copyOf(text, MAX_REASON_BYTES);
    }
    return new Frame(WireFormat.VERSION, type, FAILED, seq, epoch, text);
  }

  public static boolean isFailure(Frame response) {
    return (response.flags() & FAILED) != 0;
  }

  /** The reason of a failed response; bytes that are not valid UTF-8 (a reason cut mid-character) become U+FFFD. */
  public static String reason(Frame response) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer bytes = response.payloadBuffer();
    try {
      return decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      // REPLACE never throws; keep the compiler satisfied without hiding a real problem.
      throw new IllegalStateException(e);
    }
  }
}
