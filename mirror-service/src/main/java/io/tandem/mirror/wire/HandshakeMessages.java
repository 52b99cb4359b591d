package io.tandem.mirror.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Payloads of the handshake and notice frames. A site id is one length byte and that many ASCII bytes; nonces and
 * proofs are {@value #NONCE_LENGTH} and {@value #PROOF_LENGTH} bytes.
 *
 * <pre>
 *   HELLO               clientSiteId, clientNonce
 *   CHALLENGE           serverSiteId, serverNonce, serverProof
 *   CHALLENGE_RESPONSE  clientProof
 *   AUTH_OK             serverSiteId
 *   AUTH_FAILED, ERROR  reason, UTF-8, at most {@value #MAX_NOTICE_BYTES} bytes
 * </pre>
 *
 * Parsing is exact: a payload with bytes missing or left over is refused, naming the frame and the peer.
 */
final class HandshakeMessages {
  private HandshakeMessages() {}

  static final int NONCE_LENGTH = 32;
  static final int PROOF_LENGTH = 32;
  static final int MAX_NOTICE_BYTES = 1024;
  /** Characters of a received reason that are kept for logs. */
  static final int MAX_NOTICE_CHARS = 512;

  /** HELLO's content. */
  static final class Hello {
    final String clientSiteId;
    final byte[] clientNonce;

    Hello(String clientSiteId, byte[] clientNonce) {
      this.clientSiteId = clientSiteId;
      this.clientNonce = clientNonce;
    }
  }

  /** CHALLENGE's content. */
  static final class Challenge {
    final String serverSiteId;
    final byte[] serverNonce;
    final byte[] serverProof;

    Challenge(String serverSiteId, byte[] serverNonce, byte[] serverProof) {
      this.serverSiteId = serverSiteId;
      this.serverNonce = serverNonce;
      this.serverProof = serverProof;
    }
  }

  static Frame hello(String clientSiteId, byte[] clientNonce) {
    ByteBuffer b = ByteBuffer.allocate(siteIdLength(clientSiteId) + NONCE_LENGTH);
    putSiteId(b, clientSiteId);
    b.put(clientNonce);
    return Frame.control(FrameType.HELLO, b.array());
  }

  static Frame challenge(String serverSiteId, byte[] serverNonce, byte[] serverProof) {
    ByteBuffer b = ByteBuffer.allocate(siteIdLength(serverSiteId) + NONCE_LENGTH + PROOF_LENGTH);
    putSiteId(b, serverSiteId);
    b.put(serverNonce).put(serverProof);
    return Frame.control(FrameType.CHALLENGE, b.array());
  }

  static Frame challengeResponse(byte[] clientProof) {
    return Frame.control(FrameType.CHALLENGE_RESPONSE, clientProof);
  }

  static Frame authOk(String serverSiteId) {
    ByteBuffer b = ByteBuffer.allocate(siteIdLength(serverSiteId));
    putSiteId(b, serverSiteId);
    return Frame.control(FrameType.AUTH_OK, b.array());
  }

  /** An AUTH_FAILED or ERROR frame; a reason longer than the bound is cut. */
  static Frame notice(FrameType type, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    if (text.length > MAX_NOTICE_BYTES) {
      text = Arrays.copyOf(text, MAX_NOTICE_BYTES);
    }
    return Frame.control(type, text);
  }

  static Hello readHello(Frame frame, String peer) {
    ByteBuffer b = frame.payloadBuffer();
    try {
      Hello hello = new Hello(readSiteId(b, frame, peer), bytes(b, NONCE_LENGTH));
      requireEnd(b, frame, peer);
      return hello;
    } catch (BufferUnderflowException e) {
      throw truncated(frame, peer);
    }
  }

  static Challenge readChallenge(Frame frame, String peer) {
    ByteBuffer b = frame.payloadBuffer();
    try {
      Challenge challenge = new Challenge(readSiteId(b, frame, peer), bytes(b, NONCE_LENGTH), bytes(b, PROOF_LENGTH));
      requireEnd(b, frame, peer);
      return challenge;
    } catch (BufferUnderflowException e) {
      throw truncated(frame, peer);
    }
  }

  static byte[] readChallengeResponse(Frame frame, String peer) {
    ByteBuffer b = frame.payloadBuffer();
    try {
      byte[] proof = bytes(b, PROOF_LENGTH);
      requireEnd(b, frame, peer);
      return proof;
    } catch (BufferUnderflowException e) {
      throw truncated(frame, peer);
    }
  }

  static String readAuthOk(Frame frame, String peer) {
    ByteBuffer b = frame.payloadBuffer();
    try {
      String siteId = readSiteId(b, frame, peer);
      requireEnd(b, frame, peer);
      return siteId;
    } catch (BufferUnderflowException e) {
      throw truncated(frame, peer);
    }
  }

  /** The reason in an AUTH_FAILED or ERROR frame, made safe to log: bounded, control characters replaced. */
  static String readNotice(Frame frame) {
    String text = new String(frame.payload(), StandardCharsets.UTF_8);
    int length = Math.min(text.length(), MAX_NOTICE_CHARS);
    StringBuilder safe = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      safe.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > length) {
      safe.append("...");
    }
    return safe.length() == 0 ? "(no reason given)" : safe.toString();
  }

  private static int siteIdLength(String siteId) {
    return 1 + SiteIds.require(siteId).length();
  }

  private static void putSiteId(ByteBuffer b, String siteId) {
    b.put((byte) siteId.length()).put(siteId.getBytes(StandardCharsets.US_ASCII));
  }

  private static String readSiteId(ByteBuffer b, Frame frame, String peer) {
    int length = b.get() & 0xff;
    if (length > SiteIds.MAX_LENGTH) {
      throw malformed(frame, peer, "site id of " + length + " bytes exceeds " + SiteIds.MAX_LENGTH);
    }
    String siteId = new String(bytes(b, length), StandardCharsets.US_ASCII);
    if (!SiteIds.isValid(siteId)) {
      throw malformed(frame, peer, "site id is not lower-case letters, digits, '-' or '_'");
    }
    return siteId;
  }

  private static byte[] bytes(ByteBuffer b, int count) {
    byte[] out = new byte[count];
    b.get(out);
    return out;
  }

  private static void requireEnd(ByteBuffer b, Frame frame, String peer) {
    if (b.hasRemaining()) {
      throw malformed(frame, peer, b.remaining() + " unexpected bytes at the end");
    }
  }

  private static WireProtocolException truncated(Frame frame, String peer) {
    return malformed(frame, peer, "payload of " + frame.payloadLength() + " bytes is too short");
  }

  private static WireProtocolException malformed(Frame frame, String peer, String what) {
    return new WireProtocolException("malformed " + frame.type() + " from " + peer + ": " + what);
  }
}
