package io.tandem.hadoop.cli;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.mirror.client.LinkRequestClient;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.verify.FileSystemSide;
import io.tandem.mirror.verify.LinkSide;
import io.tandem.mirror.verify.TreeComparison;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code tandem mirror verify <vol>}: compares this site's copy of a volume with the peer's, listing, lengths,
 * permissions and COMPOSITE_CRC checksums (so different block sizes compare), the peer's side read by its agent
 * over the link. Prints every difference; exits 0 only when there is none.
 */
final class VerifyCommand {
  private static final int MAX_PRINTED = 200;

  private final Configuration conf;
  private final TandemConfig config;
  private final PrintStream out;
  private final PrintStream err;

  VerifyCommand(Configuration conf, TandemConfig config, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.config = config;
    this.out = out;
    this.err = err;
  }

  int run(VolumeSettings v) throws Exception {
    if (v.peer() == null) {
      err.println("tandem mirror verify: volume " + v.name() + " has no peer to compare with");
      return TandemCli.FAILED;
    }
    java.util.List<InetSocketAddress> peer = config.link().peerAddresses(v.peer());
    if (peer.isEmpty()) {
      err.println("tandem mirror verify: tandem.link.peer." + v.peer() + ".address is not set");
      return TandemCli.FAILED;
    }
    Configuration local = new Configuration(conf);
    local.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
    long start = System.nanoTime();
    try (FileSystem fs = FileSystem.newInstance(FileSystem.getDefaultUri(local), local);
        LinkTls tls = LinkTls.fromConfiguration(conf, config.link().tlsEnabled(), false);
        LinkRequestClient client = LinkRequestClient.connectToAny(peer, v.peer(),
            LinkAuthenticator.fromConfiguration(conf, config.siteId()), tls,
            config.link().heartbeatTimeoutMs() * 2, config.link().heartbeatIntervalMs())) {
      TreeComparison cmp = new TreeComparison(new FileSystemSide(fs, v.path(), true),
          new LinkSide(client, v.name(), v.remotePath(), v.peer(), 0));
      List<String> diffs = cmp.differences();
      double secs = (System.nanoTime() - start) / 1e9;
      for (int i = 0; i < Math.min(MAX_PRINTED, diffs.size()); i++) {
        out.println(diffs.get(i));
      }
      if (diffs.size() > MAX_PRINTED) {
        out.println("... and " + (diffs.size() - MAX_PRINTED) + " more");
      }
      out.printf("volume %s: %s %s (%d files, %d bytes compared with %s in %.1f s)%n", v.name(),
          diffs.isEmpty() ? "identical on" : diffs.size() + " difference(s) with", v.peer(), cmp.filesCompared(),
          cmp.bytesCompared(), v.peer(), secs);
      if (!diffs.isEmpty()) {
        err.println("tandem mirror verify: volume " + v.name() + " differs from " + v.peer() + " in " + diffs.size()
            + " place(s)");
        return TandemCli.FAILED;
      }
      return TandemCli.OK;
    }
  }
}
