package io.tandem.it.harness;

import java.io.File;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Starts one site of a group whose agents listen on loopback ports and know each other as peers, with a shared
 * secret and each other's ZooKeeper (so status and failover can read them).
 */
final class LinkedSites {
  static final String SECRET = "a-long-random-shared-secret-for-tests-0123456789";

  private LinkedSites() {}

  /**
   * @param peerPorts each peer's id and the port this site dials for it (its agent's, or a proxy in front of it)
   * @param settings receives the site's configuration and its id after the link settings
   */
  static TandemSite site(String id, int listenPort, Map<String, Integer> peerPorts,
      Map<String, EmbeddedZooKeeper> peerZks, EmbeddedZooKeeper own, File base, int dataNodes,
      BiConsumer<Configuration, String> settings) throws Exception {
    return TandemSite.builder(id, base).zooKeeper(own).dataNodes(dataNodes).configure(c -> {
      c.set("tandem.link.listen.address", "127.0.0.1:" + listenPort);
      c.set("tandem.link.peers", String.join(",", peerPorts.keySet()));
      peerPorts.forEach((peer, port) -> {
        c.set("tandem.link.peer." + peer + ".address", "127.0.0.1:" + port);
        c.set("tandem.link.peer." + peer + ".zk.quorum", peerZks.get(peer).connectString());
      });
      c.set("tandem.link.secret", SECRET);
      settings.accept(c, id);
    }).start();
  }
}
