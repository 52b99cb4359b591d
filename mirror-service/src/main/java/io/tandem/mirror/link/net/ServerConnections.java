package io.tandem.mirror.link.net;

import io.tandem.coord.conf.ZkSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The authenticated connections a {@link LinkServer} holds, bounded per peer site; this site's clients (which all
 * claim {@link ZkSettings#CLIENT_SITE_ID}) share a larger bound of their own. Thread-safe.
 */
final class ServerConnections {
  /** Connections this site's clients may hold at once (each sync-writing process holds one while it writes). */
  static final int MAX_CLIENT_CONNECTIONS = 512;

  private final int maxPerPeer;
  private final Set<ServerConnection> connections = new LinkedHashSet<>();

  ServerConnections(int maxPerPeer) {
    this.maxPerPeer = maxPerPeer;
  }

  int maxPerPeer() {
    return maxPerPeer;
  }

  /** Adds the connection unless its site already holds {@link #maxPerPeer()}; false when refused. */
  synchronized boolean tryAdd(ServerConnection connection) {
    int fromSameSite = 0;
    for (ServerConnection c : connections) {
      if (c.peerSite().equals(connection.peerSite())) {
        fromSameSite++;
      }
    }
    if (fromSameSite >= limitFor(connection.peerSite())) {
      return false;
    }
    connections.add(connection);
    return true;
  }

  int limitFor(String site) {
    return ZkSettings.CLIENT_SITE_ID.equals(site) ? MAX_CLIENT_CONNECTIONS : maxPerPeer;
  }

  synchronized void remove(ServerConnection connection) {
    connections.remove(connection);
  }

  synchronized List<ServerConnectionStatus> status() {
    List<ServerConnectionStatus> out = new ArrayList<>(connections.size());
    for (ServerConnection c : connections) {
      out.add(c.status());
    }
    return out;
  }
}
