package io.tandem.mirror.protocol;

/** A mirror payload that cannot be decoded or is not allowed; the message says exactly what is wrong. */
public final class MirrorProtocolException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MirrorProtocolException(String message) {
    super(message);
  }
}
