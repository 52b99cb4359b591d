package io.tandem.mirror.link.net;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/** What every part of one {@link PeerLink} shares: who the peer is, the settings, the clock and the meters. */
final class PeerLinkContext {
  private final String localSite;
  private final String peerSite;
  /** The peer's agents (an HA pair lists both); connections dial the current one and move on when it refuses. */
  private final List<InetSocketAddress> peerAddresses;
  private final AtomicInteger current = new AtomicInteger();
  private final LinkTransportConfig config;
  private final LongSupplier clock;
  private final LongSupplier localEpoch;
  private final LinkMeters meters;
  private final HeartbeatSink heartbeats;

  PeerLinkContext(String localSite, String peerSite, List<InetSocketAddress> peerAddresses, LinkTransportConfig config,
      LongSupplier clock, LongSupplier localEpoch, LinkMeters meters, HeartbeatSink heartbeats) {
    this.localSite = localSite;
    this.peerSite = peerSite;
    this.peerAddresses = List.copyOf(peerAddresses);
    if (this.peerAddresses.isEmpty()) {
      throw new IllegalArgumentException("no address for peer " + peerSite);
    }
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

  /** The address connections dial now. */
  InetSocketAddress peerAddress() {
    return peerAddresses.get(Math.floorMod(current.get(), peerAddresses.size()));
  }

  /** After {@code failed} refused a connection: the next address, if the link has several (no-op otherwise). */
  void nextAddressAfter(InetSocketAddress failed) {
    int at = current.get();
    if (peerAddresses.size() > 1 && peerAddresses.get(Math.floorMod(at, peerAddresses.size())).equals(failed)) {
      current.compareAndSet(at, at + 1);
    }
  }

  List<InetSocketAddress> peerAddresses() {
    return peerAddresses;
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
