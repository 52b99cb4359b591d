package io.tandem.mirror.link.net;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.tandem.mirror.wire.LinkPipelines;
import java.io.Closeable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.ssl.SSLFactory;

/**
 * TLS on the link ({@code tandem.link.tls.enabled}), set up by Hadoop's {@link SSLFactory} from {@code ssl-server.xml}
 * (accepting side) or {@code ssl-client.xml} (connecting side), the files Hadoop's own daemons use, so operators
 * manage one set of keystores. TLS protects the bytes; who the peer is stays the business of the shared-secret
 * handshake that runs inside it, since {@link SSLFactory}'s engines verify no host name.
 *
 * <p>Whoever creates an instance closes it: that stops the factory's keystore reload timer.
 */
public final class LinkTls implements Closeable {
  static final String HANDLER_NAME = "tandem-tls";
  static final String FAILURES_NAME = "tandem-tls-failures";

  private static final LinkTls DISABLED = new LinkTls(null, null);

  private final SSLFactory factory;
  private final SSLFactory.Mode mode;

  private LinkTls(SSLFactory factory, SSLFactory.Mode mode) {
    this.factory = factory;
    this.mode = mode;
  }

  /** Plain TCP. */
  public static LinkTls disabled() {
    return DISABLED;
  }

  /** The accepting side, from {@code ssl-server.xml} (or the resource named by {@code hadoop.ssl.server.conf}). */
  public static LinkTls server(Configuration conf) throws IOException {
    return create(SSLFactory.Mode.SERVER, conf);
  }

  /** The connecting side, from {@code ssl-client.xml} (or the resource named by {@code hadoop.ssl.client.conf}). */
  public static LinkTls client(Configuration conf) throws IOException {
    return create(SSLFactory.Mode.CLIENT, conf);
  }

  /** {@link #server} or {@link #client} when {@code enabled} ({@code tandem.link.tls.enabled}), else disabled. */
  public static LinkTls fromConfiguration(Configuration conf, boolean enabled, boolean accepting) throws IOException {
    if (!enabled) {
      return DISABLED;
    }
    return accepting ? server(conf) : client(conf);
  }

  private static LinkTls create(SSLFactory.Mode mode, Configuration conf) throws IOException {
    SSLFactory factory = new SSLFactory(mode, conf);
    try {
      factory.init();
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      factory.destroy();
      String file = mode == SSLFactory.Mode.SERVER
          ? conf.get(SSLFactory.SSL_SERVER_CONF_KEY, SSLFactory.SSL_SERVER_CONF_DEFAULT)
          : conf.get(SSLFactory.SSL_CLIENT_CONF_KEY, SSLFactory.SSL_CLIENT_CONF_DEFAULT);
      throw new IOException("TLS on the link (tandem.link.tls.enabled=true) could not be set up from " + file + ": "
          + e.getMessage(), e);
    }
    return new LinkTls(factory, mode);
  }

  public boolean enabled() {
    return factory != null;
  }

  /**
   * Puts TLS first in a link pipeline already set up by {@link LinkPipelines}, followed at once by a handler that
   * turns TLS failures into one clear line for every handler after it, the error handler included. Does nothing when
   * disabled.
   */
  public void addTo(ChannelPipeline pipeline, long handshakeTimeoutMs) throws IOException {
    if (factory == null) {
      return;
    }
    SSLEngine engine;
    try {
      engine = factory.createSSLEngine();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot create a TLS engine for the link: " + e.getMessage(), e);
    }
    SslHandler ssl = new SslHandler(engine);
    ssl.setHandshakeTimeout(handshakeTimeoutMs, TimeUnit.MILLISECONDS);
    pipeline.addFirst(HANDLER_NAME, ssl);
    pipeline.addAfter(HANDLER_NAME, FAILURES_NAME, new TlsFailureHandler());
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.destroy();
    }
  }

  @Override
  public String toString() {
    return factory == null ? "TLS disabled" : "TLS (" + mode + ")";
  }
}
