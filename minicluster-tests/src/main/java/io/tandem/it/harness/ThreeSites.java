package io.tandem.it.harness;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Three Tandem sites in this JVM, site-a, site-b and site-c, each with its own ZooKeeper and MiniDFSCluster, every
 * agent knowing the other two as peers: enough for a cascade (A to B to C) and for a site that two others could ship
 * to.
 */
public final class ThreeSites implements Closeable {
  public static final List<String> IDS = List.of("site-a", "site-b", "site-c");

  private final List<TandemSite> sites;

  private ThreeSites(List<TandemSite> sites) {
    this.sites = sites;
  }

  /** Starts the three sites; {@code settings} receives each site's configuration and id after the link settings. */
  public static ThreeSites start(File base, int dataNodes, BiConsumer<Configuration, String> settings)
      throws Exception {
    Map<String, Integer> ports = new LinkedHashMap<>();
    Map<String, EmbeddedZooKeeper> zks = new LinkedHashMap<>();
    List<TandemSite> started = new ArrayList<>();
    try {
      for (String id : IDS) {
        ports.put(id, Ports.free());
        zks.put(id, new EmbeddedZooKeeper(null));
      }
      for (String id : IDS) {
        Map<String, Integer> peers = new LinkedHashMap<>(ports);
        peers.remove(id);
        started.add(LinkedSites.site(id, ports.get(id), peers, zks, zks.get(id), base, dataNodes, settings));
      }
      return new ThreeSites(started);
    } catch (Exception | Error e) {
      for (TandemSite s : started) {
        s.close(); // closes its ZooKeeper too
      }
      for (int i = started.size(); i < IDS.size(); i++) {
        EmbeddedZooKeeper zk = zks.get(IDS.get(i));
        if (zk != null) {
          zk.close();
        }
      }
      throw e;
    }
  }

  public TandemSite a() {
    return sites.get(0);
  }

  public TandemSite b() {
    return sites.get(1);
  }

  public TandemSite c() {
    return sites.get(2);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (TandemSite s : sites) {
      try {
        s.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
