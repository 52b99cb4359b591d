package io.tandem.coord.conf;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** The inter-site link: where this agent listens, its peers, heartbeat timing and authentication. */
public final class LinkSettings {
  /** How peers prove who they are. */
  public enum Auth { SECRET, NONE }

  private final InetSocketAddress listenAddress;
  private final List<String> peers;
  private final Map<String, List<InetSocketAddress>> peerAddresses;
  private final Map<String, String> peerZkQuorums;
  private final int connections;
  private final long heartbeatIntervalMs;
  private final long heartbeatTimeoutMs;
  private final long probationMs;
  private final Auth auth;
  private final String secret;
  private final boolean tlsEnabled;

  LinkSettings(InetSocketAddress listenAddress, List<String> peers, Map<String, List<InetSocketAddress>> peerAddresses,
      Map<String, String> peerZkQuorums, int connections, long heartbeatIntervalMs, long heartbeatTimeoutMs,
      long probationMs, Auth auth, String secret, boolean tlsEnabled) {
    this.listenAddress = listenAddress;
    this.peers = List.copyOf(peers);
    this.peerAddresses = Map.copyOf(peerAddresses);
    this.peerZkQuorums = Map.copyOf(peerZkQuorums);
    this.connections = connections;
    this.heartbeatIntervalMs = heartbeatIntervalMs;
    this.heartbeatTimeoutMs = heartbeatTimeoutMs;
    this.probationMs = probationMs;
    this.auth = auth;
    this.secret = secret;
    this.tlsEnabled = tlsEnabled;
  }

  /** Null when the agent does not listen for peers. */
  public InetSocketAddress listenAddress() {
    return listenAddress;
  }

  public List<String> peers() {
    return peers;
  }

  /** The peer's (first) agent address, or null if not configured. */
  public InetSocketAddress peerAddress(String site) {
    List<InetSocketAddress> a = peerAddresses.get(site);
    return a == null ? null : a.get(0);
  }

  /** Every agent address listed for the peer (an HA pair lists both), in order; empty if not configured. */
  public List<InetSocketAddress> peerAddresses(String site) {
    return peerAddresses.getOrDefault(site, List.of());
  }

  /** The peer's ZooKeeper, when configured for {@code tandem status}; else null. */
  public String peerZkQuorum(String site) {
    return peerZkQuorums.get(site);
  }

  public int connections() {
    return connections;
  }

  public long heartbeatIntervalMs() {
    return heartbeatIntervalMs;
  }

  public long heartbeatTimeoutMs() {
    return heartbeatTimeoutMs;
  }

  public long probationMs() {
    return probationMs;
  }

  public Auth auth() {
    return auth;
  }

  /** The shared secret, or null when {@link #auth()} is NONE. Never logged. */
  public String secret() {
    return secret;
  }

  public boolean tlsEnabled() {
    return tlsEnabled;
  }
}
