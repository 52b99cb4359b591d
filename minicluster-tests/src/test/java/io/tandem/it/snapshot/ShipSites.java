package io.tandem.it.snapshot;

import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.link.fault.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The ship tests' two sites with volume v ({@link ShipSnapshotsIT#volumes}, then the test's own keys), its
 * directory made on site-a, clients of both sites and a {@link ShipDriver}; optionally with site-a reaching site-b's
 * link through a {@link FaultProxy}, to cut it.
 */
final class ShipSites implements AutoCloseable {
  final TwoSites sites;
  /** Null unless started {@link #withFaultProxy}. */
  final FaultProxy proxy;
  final FileSystem fsA;
  final FileSystem fsB;
  final ShipDriver driver;

  private ShipSites(TwoSites sites, FaultProxy proxy) throws IOException {
    this.sites = sites;
    this.proxy = proxy;
    this.fsA = Trees.comparableFs(sites.a());
    this.fsB = Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/v"));
    this.driver = new ShipDriver(sites, fsA);
  }

  static ShipSites start(Class<?> test, BiConsumer<Configuration, String> configure) throws Exception {
    return new ShipSites(TwoSites.start(TestDirsAccess.forClass(test), 1, port -> port, withVolume(configure)), null);
  }

  static ShipSites withFaultProxy(Class<?> test, BiConsumer<Configuration, String> configure) throws Exception {
    FaultProxy[] proxy = new FaultProxy[1];
    TwoSites sites = TwoSites.start(TestDirsAccess.forClass(test), 1, portOfB -> {
      try {
        proxy[0] = FaultProxy.start(new InetSocketAddress("127.0.0.1", portOfB));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return proxy[0].address().getPort();
    }, withVolume(configure));
    return new ShipSites(sites, proxy[0]);
  }

  private static BiConsumer<Configuration, String> withVolume(BiConsumer<Configuration, String> configure) {
    return (c, site) -> {
      ShipSnapshotsIT.volumes(c, site);
      configure.accept(c, site);
    };
  }

  @Override
  public void close() throws Exception {
    fsA.close();
    fsB.close();
    sites.close();
    if (proxy != null) {
      proxy.close();
    }
  }
}
