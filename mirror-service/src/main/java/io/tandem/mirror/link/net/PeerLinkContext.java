package io.tandem.mirror.link.net;

import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/** What every part of one {@link PeerLink} shares: who the peer is, the settings, the clock and the meters. */
final class PeerLinkContext {
  private final String localSite;
  private final String peerSite;
  private final InetSocketAddress peerAddress;
  private final LinkTransportConfig config;
  private final LongSupplier clock;
  private final LongSupplier localEpoch;
  private final LinkMeters meters;
  private final HeartbeatSink heartbeats;

  PeerLinkContext(String localSite, String peerSite, InetSocketAddress peerAddress, LinkTransportConfig config,
      LongSupplier clock, LongSupplier localEpoch, LinkMeters meters, HeartbeatSink heartbeats) {
    this.localSite = localSite;
    this.peerSite = peerSite;
    this.peerAddress = peerAddress;
    this.config = config;
    this.clock = clock;
    this.localEpoch = localEpoch;
    this.meters = meters;
    this.heartbeats = heartbeats;
  }

  String localSite() {
    return localSite;
  }

  String peerSite() {
    return peerSite;
  }

  InetSocketAddress peerAddress() {
    return peerAddress;
  }

  LinkTransportConfig config() {
    return config;
  }

  long now() {
    return clock.getAsLong();
  }

  long localEpoch() {
    return localEpoch.getAsLong();
  }

  LinkMeters meters() {
    return meters;
  }

  HeartbeatSink heartbeats() {
    return heartbeats;
  }

  /** How logs name the link, e.g. {@code site-a -> site-b}. */
  String linkName() {
    return localSite + " -> " + peerSite;
  }
}
