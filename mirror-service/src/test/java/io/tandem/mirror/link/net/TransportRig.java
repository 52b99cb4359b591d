package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;

import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.fault.FaultProxy;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * A {@link LinkServer} for site-b, optionally a {@link FaultProxy} in front of it, and a {@link PeerLink} from site-a
 * to it, with a {@link RecordingHandler} and a {@link RecordingLinkListener}. Closes all of it.
 */
final class TransportRig implements AutoCloseable {
  final RecordingHandler handler = new RecordingHandler();
  final LongSupplier clock = LinkClocks.monotonicMillis();
  final LinkTransportConfig config;
  final LinkServer server;
  final FaultProxy proxy;
  final RecordingLinkListener listener;
  final PeerLink link;

  private TransportRig(LinkTransportConfig config, boolean viaProxy, RecordingLinkListener listener,
      LinkAuthenticator senderAuth) throws IOException {
    this(config, viaProxy, listener, senderAuth, false);
  }

  private TransportRig(LinkTransportConfig config, boolean viaProxy, RecordingLinkListener listener,
      LinkAuthenticator senderAuth, boolean silentAddressFirst) throws IOException {
    this.config = config;
    this.listener = listener;
    this.server = LinkServer.builder(TestLinks.anyLoopbackPort(), config, TestLinks.receiverAuth(),
        RequestRoutes.of(handler)).clock(clock).build();
    server.start();
    this.proxy = viaProxy ? FaultProxy.start(server.boundAddress()) : null;
    InetSocketAddress target = viaProxy ? proxy.address() : server.boundAddress();
    java.util.List<InetSocketAddress> addresses = silentAddressFirst
        ? java.util.List.of(TestLinks.anyLoopbackPort(), target) : java.util.List.of(target);
    this.link = PeerLink.builder(TestLinks.RECEIVER, addresses, config, senderAuth).listener(listener).clock(clock)
        .localEpoch(() -> 3L).build();
    listener.attach(link);
    link.start();
  }

  static TransportRig direct(LinkTransportConfig config, RecordingLinkListener listener) throws IOException {
    return new TransportRig(config, false, listener, TestLinks.senderAuth());
  }

  static TransportRig viaProxy(LinkTransportConfig config, RecordingLinkListener listener) throws IOException {
    return new TransportRig(config, true, listener, TestLinks.senderAuth());
  }

  /** The link lists first an address nobody listens at (an HA standby's agent), then the server. */
  static TransportRig behindASilentAddress(LinkTransportConfig config, RecordingLinkListener listener)
      throws IOException {
    return new TransportRig(config, false, listener, TestLinks.senderAuth(), true);
  }

  static TransportRig withSender(LinkTransportConfig config, LinkAuthenticator senderAuth) throws IOException {
    return new TransportRig(config, false, RecordingLinkListener.drainingAtOnce(), senderAuth);
  }

  /** Waits for the next change into {@code phase} after {@code mark}. */
  RecordingLinkListener.Change awaitChange(LinkPhase phase, int mark) {
    await().atMost(TestLinks.WAIT).pollInterval(TestLinks.POLL).until(() -> listener.first(phase, mark) != null);
    return listener.first(phase, mark);
  }

  /** Waits until the link is UP with all its connections open. */
  void awaitUpAndConnected() {
    await().atMost(TestLinks.WAIT).pollInterval(TestLinks.POLL).until(() -> {
      PeerLinkStatus s = link.status();
      return s.state().phase() == LinkPhase.UP
          && s.connections().stream().allMatch(c -> c.state() == ConnectionStatus.State.OPEN);
    });
  }

  @Override
  public void close() {
    link.close();
    if (proxy != null) {
      proxy.close();
    }
    server.close();
  }
}
