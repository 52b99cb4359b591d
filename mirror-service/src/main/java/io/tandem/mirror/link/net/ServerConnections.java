package io.tandem.mirror.link.net;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The authenticated connections a {@link LinkServer} holds, bounded per peer site. Thread-safe. */
final class ServerConnections {
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
    if (fromSameSite >= maxPerPeer) {
      return false;
    }
    connections.add(connection);
    return true;
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
