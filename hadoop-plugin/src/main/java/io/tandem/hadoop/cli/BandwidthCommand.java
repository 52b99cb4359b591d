package io.tandem.hadoop.cli;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.BandwidthSchedule;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.ShipBandwidth;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.hadoop.agent.Hosts;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * {@code tandem snapshot bandwidth <mbps> [<schedule>] | --clear}: sets the shipping cap (and optionally a schedule
 * of caps) at run time, replacing {@code tandem.ship.bandwidth.*} until cleared; ships in progress follow within a
 * second. A bad schedule is refused with the position of the error.
 */
final class BandwidthCommand {
  private final PrintStream out;
  private final PrintStream err;

  BandwidthCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(TandemConfig config, List<String> args) throws Exception {
    ShipBandwidth set = null;
    if (!(args.size() == 1 && args.get(0).equals("--clear"))) {
      if (args.isEmpty() || args.size() > 2) {
        err.println("Usage: tandem snapshot bandwidth <mbps> [<schedule>] | --clear");
        return TandemCli.USAGE;
      }
      double mbps;
      try {
        mbps = Double.parseDouble(args.get(0));
      } catch (NumberFormatException e) {
        mbps = -1;
      }
      if (!(mbps >= 0) || Double.isInfinite(mbps)) {
        err.println("tandem snapshot bandwidth: \"" + args.get(0) + "\" is not a number of megabits per second (0 for no cap)");
        return TandemCli.USAGE;
      }
      String schedule = args.size() == 2 ? args.get(1) : null;
      if (schedule != null) {
        try {
          BandwidthSchedule.parse(schedule);
        } catch (RuntimeException e) {
          err.println("tandem snapshot bandwidth: " + e.getMessage());
          return TandemCli.USAGE;
        }
      }
      set = new ShipBandwidth(ShipBandwidth.FORMAT, mbps, schedule, Hosts.localHostName(), System.currentTimeMillis());
    }
    try (CuratorFramework zk = ZkClients.newClient(config.zk())) {
      zk.start();
      if (!zk.blockUntilConnected(config.zk().connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
        err.println("tandem snapshot bandwidth: ZooKeeper " + config.zk().quorum() + " unreachable");
        return TandemCli.FAILED;
      }
      RecordStore<ShipBandwidth> store = new RecordStore<>(zk, ShipBandwidth.class, new JsonCodec());
      String path = new ZnodePaths(config.siteId()).shipBandwidth();
      if (set == null) {
        store.read(path).ifPresent(cur -> {
          try {
            store.delete(path, cur.version(), Fence.NONE);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        out.println("shipping bandwidth back to the configured tandem.ship.bandwidth.*");
        return TandemCli.OK;
      }
      ShipBandwidth value = set;
      store.update(path, cur -> value, Fence.NONE);
      out.println("shipping bandwidth set to " + (value.mbps == 0 ? "no cap" : value.mbps + " Mbit/s")
          + (value.schedule == null ? "" : " with schedule " + value.schedule) + "; ships follow within a second");
      return TandemCli.OK;
    }
  }
}
