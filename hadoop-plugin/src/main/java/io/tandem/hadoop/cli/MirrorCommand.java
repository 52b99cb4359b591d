package io.tandem.hadoop.cli;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeControl;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.hadoop.agent.Hosts;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code tandem mirror pause|resume <vol>}: sets the volume's control record in the site's ZooKeeper; the leading
 * agent stops or resumes shipping within a few seconds, and the backlog waits in the edit log meanwhile.
 */
final class MirrorCommand {
  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;

  MirrorCommand(Configuration conf, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) throws Exception {
    if (args.size() != 2) {
      err.println("Usage: tandem mirror pause|resume|verify <volume>");
      return TandemCli.USAGE;
    }
    String action = args.get(0);
    String volume = args.get(1);
    Optional<VolumeArgument> arg = VolumeArgument.resolve(conf, volume, "tandem mirror", err);
    if (arg.isEmpty()) {
      return TandemCli.FAILED;
    }
    TandemConfig config = arg.get().config;
    VolumeSettings v = arg.get().volume;
    switch (action) {
      case "pause":
      case "resume":
        return setPaused(config, v, action.equals("pause"));
      case "verify":
        return new VerifyCommand(conf, config, out, err).run(v);
      default:
        err.println("tandem mirror: unknown action '" + action + "' (pause, resume or verify)");
        return TandemCli.USAGE;
    }
  }

  private int setPaused(TandemConfig config, VolumeSettings v, boolean paused) throws Exception {
    try (CuratorFramework zk = ZkClients.newClient(config.zk())) {
      zk.start();
      if (!zk.blockUntilConnected(config.zk().connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
        err.println("tandem mirror: ZooKeeper " + config.zk().quorum() + " unreachable");
        return TandemCli.FAILED;
      }
      RecordStore<VolumeControl> store = new RecordStore<>(zk, VolumeControl.class, new JsonCodec());
      store.update(new ZnodePaths(config.siteId()).volumeControl(v.name()),
          cur -> new VolumeControl(VolumeControl.FORMAT, v.name(), paused, Hosts.localHostName(), System.currentTimeMillis()),
          Fence.NONE);
      out.println("volume " + v.name() + " " + (paused ? "paused: changes wait in the edit log until resumed"
          : "resumed: the backlog replays from its checkpoint"));
      return TandemCli.OK;
    }
  }
}
