package io.tandem.mirror.wire;

/**
 * What a frame is. The wire code is fixed forever once released; new types take new codes (10 and 11 are kept for
 * PROXY_REQUEST and PROXY_RESPONSE). A peer receiving a code it does not know refuses the frame.
 */
public enum FrameType {
  /** Client to server: client site id and nonce. */
  HELLO(1, true),
  /** Server to client: server site id, nonce and the server's proof. */
  CHALLENGE(2, true),
  /** Client to server: the client's proof. */
  CHALLENGE_RESPONSE(3, true),
  /** Server to client: the server's site id; the connection is authenticated. */
  AUTH_OK(4, true),
  /** Either way: the sender refuses the other's authentication; text reason; the connection closes. */
  AUTH_FAILED(5, true),
  HEARTBEAT(6, false),
  REQUEST(7, false),
  RESPONSE(8, false),
  /** Either way: the sender refuses what it received; text reason; the connection closes. */
  ERROR(9, true),
  /** A sync client to its site's agent: wait until the peer acknowledged (see {@code io.tandem.mirror.sync}). */
  SYNC_REQUEST(12, false),
  /** The agent's answer to a SYNC_REQUEST. */
  SYNC_RESPONSE(13, false);

  private static final int MAX_CODE = 255;
  private static final FrameType[] BY_CODE = indexByCode();

  private final byte code;
  private final boolean allowedBeforeAuthentication;

  FrameType(int code, boolean allowedBeforeAuthentication) {
    this.code = (byte) code;
    this.allowedBeforeAuthentication = allowedBeforeAuthentication;
  }

  /** The byte on the wire. */
  public byte code() {
    return code;
  }

  /** True for the handshake and for notices; everything else waits until the peer is authenticated. */
  public boolean allowedBeforeAuthentication() {
    return allowedBeforeAuthentication;
  }

  /** The type with this wire code, or null when the code is unknown. */
  public static FrameType fromCode(byte code) {
    return BY_CODE[code & MAX_CODE];
  }

  private static FrameType[] indexByCode() {
    FrameType[] byCode = new FrameType[MAX_CODE + 1];
    for (FrameType t : values()) {
      byCode[t.code & MAX_CODE] = t;
    }
    return byCode;
  }
}
