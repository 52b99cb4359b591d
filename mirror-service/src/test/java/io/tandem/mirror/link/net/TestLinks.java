package io.tandem.mirror.link.net;

import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkSecret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Shared settings of the transport tests: site-a sends, site-b listens. */
final class TestLinks {
  private TestLinks() {}

  static final String SENDER = "site-a";
  static final String RECEIVER = "site-b";
  static final LinkSecret SECRET = LinkSecret.of("transport-test-secret-0123456789abcdef");
  /** Bound for waits that end on an event; generous, since a deadline only matters when something is broken. */
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration POLL = Duration.ofMillis(5);

  static LinkAuthenticator senderAuth() {
    return LinkAuthenticator.withSecret(SENDER, SECRET);
  }

  static LinkAuthenticator receiverAuth() {
    return LinkAuthenticator.withSecret(RECEIVER, SECRET);
  }

  static InetSocketAddress anyLoopbackPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /**
   * Short timings; a handshake allowed far longer than the heartbeat timeout, since the first TLS handshake in a
   * JVM on a busy machine is slow and the tests judge heartbeats, not handshakes.
   */
  static LinkTransportConfig config(int connections, LinkTimings timings) {
    return LinkTransportConfig.builder(timings).connections(connections).requestTimeoutMs(5_000)
        .handshakeTimeoutMs(3_000).reconnectBackoffMs(20, timings.heartbeatTimeoutMs()).build();
  }
}
