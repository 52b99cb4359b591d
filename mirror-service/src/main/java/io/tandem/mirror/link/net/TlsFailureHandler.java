package io.tandem.mirror.link.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.tandem.mirror.wire.WireProtocolException;
import javax.net.ssl.SSLException;

/**
 * Turns a TLS failure (a plaintext peer, an untrusted certificate, a handshake past its deadline) into a
 * {@link LinkTlsException}, so the error handler logs one line naming the peer instead of a stack trace.
 */
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {
  private static final int MAX_MESSAGE_CHARS = 200;

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    SSLException tls = findTlsCause(cause);
    if (tls == null || cause instanceof WireProtocolException) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    ctx.fireExceptionCaught(new LinkTlsException("TLS with " + ctx.channel().remoteAddress() + " failed: "
        + describe(tls), tls));
  }

  private static String describe(SSLException tls) {
    if (tls instanceof NotSslRecordException) {
      // Netty's own message is a hex dump of the record.
      return "the peer does not speak TLS (is tandem.link.tls.enabled the same on both sites?)";
    }
    String message = String.valueOf(tls.getMessage());
    return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
  }

  private static SSLException findTlsCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return (SSLException) c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** The peer does not speak TLS as configured; no notice is sent, since no frame can reach it. */
  static final class LinkTlsException extends WireProtocolException {
    private static final long serialVersionUID = 1L;

    LinkTlsException(String message, SSLException cause) {
      super(message, null);
      initCause(cause);
    }
  }
}
