package io.tandem.hadoop.cli;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.ShipRecord;
import io.tandem.coord.record.ShipRequest;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.hadoop.agent.Hosts;
import io.tandem.mirror.ship.ShipRoute;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * {@code tandem snapshot ship <vol> [--to <site>] [--no-wait] [--force] [--timeout <duration>]}: asks the leading
 * agent (through the site's ZooKeeper) to ship the volume's newest snapshot to its peer, or with {@code --to} to one
 * of its onward sites, then waits, printing progress, until the destination committed it (exit 0) or refused it
 * because its copy changed since the common snapshot (exit 1, with what differs). {@code --force} rolls the
 * destination back first, keeping its state in a snapshot. {@code --timeout} stops waiting (exit 1) while the ship
 * goes on.
 */
final class ShipCommand {
  private static final long POLL_MS = 500;

  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;

  ShipCommand(Configuration conf, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  int run(TandemConfig config, VolumeSettings v, List<String> options) throws Exception {
    boolean wait = true;
    boolean force = false;
    long timeoutMs = Long.MAX_VALUE;
    String to = v.peer();
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      if (o.equals("--to") && i + 1 < options.size()) {
        to = options.get(++i);
      } else if (o.equals("--no-wait")) {
        wait = false;
      } else if (o.equals("--force")) {
        force = true;
      } else if (o.equals("--timeout") && i + 1 < options.size()) {
        timeoutMs = durationMs(options.get(++i));
        if (timeoutMs <= 0) {
          err.println("tandem snapshot ship: --timeout \"" + options.get(i) + "\" is not a duration such as 90s, 10m or 2h");
          return TandemCli.USAGE;
        }
      } else {
        err.println("tandem snapshot ship: unknown option '" + o + "' (--to <site>, --no-wait, --force, --timeout"
            + " <duration>)");
        return TandemCli.USAGE;
      }
    }
    if (to == null) {
      err.println("tandem snapshot ship: volume " + v.name() + " has no peer (tandem.volume." + v.name() + ".peer);"
          + (v.onward().isEmpty() ? "" : " name one of its onward sites " + v.onward() + " with --to"));
      return TandemCli.FAILED;
    }
    ShipRoute route = ShipRoute.to(v, to);
    if (route == null) {
      err.println("tandem snapshot ship: volume " + v.name() + " is not shipped to " + to + " from " + config.siteId()
          + " (its peer is " + v.peer() + "; tandem.volume." + v.name() + ".ship.onward lists " + v.onward() + ")");
      return TandemCli.FAILED;
    }
    String newest;
    try (FileSystem fs = FileSystem.newInstance(FileSystem.getDefaultUri(conf), conf)) {
      if (!(fs instanceof DistributedFileSystem)) {
        err.println("tandem snapshot ship: " + fs.getUri() + " is not HDFS");
        return TandemCli.FAILED;
      }
      List<String> names = new VolumeSnapshots((DistributedFileSystem) fs, v.path(), config.siteId()).list();
      if (names.isEmpty()) {
        err.println("tandem snapshot ship: volume " + v.name() + " has no snapshot yet; take one with tandem snapshot create "
            + v.name());
        return TandemCli.FAILED;
      }
      newest = names.get(names.size() - 1);
    }
    try (CuratorFramework zk = ZkClients.newClient(config.zk())) {
      zk.start();
      if (!zk.blockUntilConnected(config.zk().connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
        err.println("tandem snapshot ship: ZooKeeper " + config.zk().quorum() + " unreachable");
        return TandemCli.FAILED;
      }
      ZnodePaths paths = new ZnodePaths(config.siteId());
      JsonCodec codec = new JsonCodec();
      Optional<VolumeRole> role = new RecordStore<>(zk, VolumeRole.class, codec).read(paths.volumeRole(v.name()))
          .map(x -> x.value());
      if (route.toPeer() && role.isPresent() && role.get().role != VolumeRole.Role.PRIMARY) {
        err.println("tandem snapshot ship: volume " + v.name() + " is " + role.get().role + " on " + config.siteId()
            + " at epoch " + role.get().epoch + "; ships to its peer go from its primary");
        return TandemCli.FAILED;
      }
      RecordStore<ShipRequest> requests = new RecordStore<>(zk, ShipRequest.class, codec);
      ShipRequest request = new ShipRequest(ShipRequest.FORMAT, v.name(), newest, force, Hosts.localHostName(),
          System.currentTimeMillis());
      requests.update(route.requestPath(paths), cur -> request, Fence.NONE);
      out.println("ship of " + newest + " (volume " + v.name() + ") to " + to + " requested"
          + (force ? " with --force" : ""));
      if (!wait) {
        return TandemCli.OK;
      }
      return await(new RecordStore<>(zk, ShipRecord.class, codec), requests, paths, route, newest, timeoutMs);
    }
  }

  private int await(RecordStore<ShipRecord> records, RecordStore<ShipRequest> requests, ZnodePaths paths,
      ShipRoute route, String snapshot, long timeoutMs) throws Exception {
    String lastLine = "";
    long started = System.nanoTime();
    while (true) {
      long waitedMs = (System.nanoTime() - started) / 1_000_000;
      if (waitedMs >= timeoutMs) {
        err.println("tandem snapshot ship: " + snapshot + " not committed within " + waitedMs / 1000 + " s; the ship"
            + " goes on (tandem status shows its progress)");
        return TandemCli.FAILED;
      }
      Optional<ShipRecord> r = records.read(route.recordPath(paths)).map(x -> x.value());
      boolean pending = requests.read(route.requestPath(paths)).isPresent();
      if (r.isPresent() && r.get().snapshot.equals(snapshot)) {
        ShipRecord s = r.get();
        String line = s.progressLine();
        if (!line.equals(lastLine)) {
          out.println(line);
          lastLine = line;
        }
        if (s.state == ShipRecord.State.COMMITTED) {
          out.println("snapshot " + snapshot + " committed on " + route.destination() + "; " + s.bytesSent
              + " bytes sent for it");
          return TandemCli.OK;
        }
        if (s.state == ShipRecord.State.REFUSED && !pending) {
          if (s.differences != null) {
            s.differences.forEach(d -> out.println("  " + d));
          }
          err.println("tandem snapshot ship: " + s.message);
          return TandemCli.FAILED;
        }
      }
      Thread.sleep(Math.min(POLL_MS, Math.max(1, timeoutMs - waitedMs))); // polling interval while the agent ships
    }
  }

  /** A duration such as 500ms, 90s, 10m or 2h (seconds without a unit); -1 when it is not one. */
  static long durationMs(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(text.trim());
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    switch (unit) {
      case "ms":
        return n;
      case "m":
        return n * 60_000;
      case "h":
        return n * 3_600_000;
      default:
        return n * 1000;
    }
  }
}
