package io.tandem.it.harness;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Two Tandem sites in this JVM, site-a and site-b, each with its own ZooKeeper and MiniDFSCluster, whose agents
 * listen on loopback ports and know each other as peers with a shared secret. Each site's address for the other
 * can be redirected (e.g. through a fault proxy) before start.
 */
public final class TwoSites implements Closeable {
  public static final String SECRET = LinkedSites.SECRET;

  private final TandemSite a;
  private final TandemSite b;
  private final int portA;
  private final int portB;

  private TwoSites(TandemSite a, TandemSite b, int portA, int portB) {
    this.a = a;
    this.b = b;
    this.portA = portA;
    this.portB = portB;
  }

  /**
   * Starts both sites. {@code settings} receives each site's configuration and its id, after the link settings, so
   * tests add volumes and may override anything.
   *
   * @param addressOfB what site-a dials to reach site-b (its real port, or a proxy in front of it): a function of
   *     site-b's real port
   */
  public static TwoSites start(File base, int dataNodes, java.util.function.IntUnaryOperator addressOfB,
      BiConsumer<Configuration, String> settings) throws Exception {
    int portA = Ports.free();
    int portB = Ports.free();
    EmbeddedZooKeeper zkA = new EmbeddedZooKeeper(null);
    EmbeddedZooKeeper zkB = new EmbeddedZooKeeper(null);
    TandemSite a = null;
    try {
      a = site("site-a", "site-b", portA, addressOfB.applyAsInt(portB), zkA, zkB, base, dataNodes, settings);
      TandemSite b = site("site-b", "site-a", portB, portA, zkB, zkA, base, dataNodes, settings);
      return new TwoSites(a, b, portA, portB);
    } catch (Exception | Error e) {
      if (a != null) {
        a.close();
      } else {
        zkA.close();
      }
      zkB.close();
      throw e;
    }
  }

  private static TandemSite site(String id, String peer, int listenPort, int peerPort, EmbeddedZooKeeper own,
      EmbeddedZooKeeper peerZk, File base, int dataNodes, BiConsumer<Configuration, String> settings) throws Exception {
    return LinkedSites.site(id, listenPort, java.util.Map.of(peer, peerPort), java.util.Map.of(peer, peerZk), own, base,
        dataNodes, settings);
  }

  public TandemSite a() {
    return a;
  }

  public TandemSite b() {
    return b;
  }

  public int linkPortOfA() {
    return portA;
  }

  public int linkPortOfB() {
    return portB;
  }

  @Override
  public void close() throws IOException {
    try {
      a.close();
    } finally {
      b.close();
    }
  }
}
