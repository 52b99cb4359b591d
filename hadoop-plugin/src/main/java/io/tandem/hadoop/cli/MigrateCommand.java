package io.tandem.hadoop.cli;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.record.MigrationPlanRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.hadoop.agent.Hosts;
import io.tandem.hadoop.status.StatusRenderer;
import io.tandem.migrate.move.MigrationSummary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.zookeeper.KeeperException;

/**
 * {@code tandem migrate status|plan|pause|resume}. Status reads the routing table and load reports; plan prints the
 * leader's dry run (the moves its next round would start if nothing changed and, for every candidate it would leave,
 * why; then what its last round started); pause and resume set or clear the switch the leader reads every round.
 * Moves under way finish while paused.
 */
final class MigrateCommand {
  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;

  MigrateCommand(Configuration conf, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) throws Exception {
    if (args.size() != 1) {
      err.println("Usage: tandem migrate status|plan|pause|resume");
      return TandemCli.USAGE;
    }
    String action = args.get(0);
    if (!List.of("status", "plan", "pause", "resume").contains(action)) {
      err.println("tandem migrate: unknown action '" + action + "' (status, plan, pause or resume)");
      return TandemCli.USAGE;
    }
    ZkSettings zkSettings;
    try {
      zkSettings = ZkSettings.parse(conf);
    } catch (ConfigException e) {
      err.println("tandem migrate: " + e.getMessage());
      return TandemCli.FAILED;
    }
    try (CuratorFramework zk = ZkClients.newClient(zkSettings)) {
      zk.start();
      if (!zk.blockUntilConnected(zkSettings.connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
        err.println("tandem migrate: ZooKeeper " + zkSettings.quorum() + " unreachable");
        return TandemCli.FAILED;
      }
      ZnodePaths paths = new ZnodePaths(zkSettings.siteId());
      switch (action) {
        case "status":
          return status(zk, paths);
        case "plan":
          return plan(zk, paths);
        default:
          return setPaused(zk, paths, action.equals("pause"));
      }
    }
  }

  private int status(CuratorFramework zk, ZnodePaths paths) throws Exception {
    MigrationSummary m = MigrationSummary.read(zk, paths, new JsonCodec());
    StringBuilder b = new StringBuilder();
    StatusRenderer.migration(b, m);
    for (String line : m.active) {
      b.append("    ").append(line).append('\n');
    }
    out.print(b);
    return TandemCli.OK;
  }

  private int plan(CuratorFramework zk, ZnodePaths paths) throws Exception {
    Optional<MigrationPlanRecord> plan = new RecordStore<>(zk, MigrationPlanRecord.class, new JsonCodec())
        .read(paths.migratePlan()).map(Versioned::value);
    if (plan.isEmpty()) {
      err.println("tandem migrate: no plan yet: migration is off (tandem.migrate.enabled) or no agent leads the site");
      return TandemCli.FAILED;
    }
    MigrationPlanRecord p = plan.get();
    long ageSec = Math.max(0, (System.currentTimeMillis() - p.atMs) / 1000);
    out.println("plan of the leader at epoch " + p.leaderEpoch + ", made " + ageSec + "s ago"
        + (p.paused ? " (paused: none of these moves starts)" : "") + "; hot " + p.hotNodes);
    out.println("dry run: the moves its next round would start if nothing changed, and why");
    if (p.moves.isEmpty()) {
      out.println("  no moves");
    }
    for (String m : p.moves) {
      out.println("  " + m);
    }
    for (String s : p.skipped) {
      out.println("  " + s);
    }
    if (!p.started.isEmpty()) {
      out.println("started by the round that made it:");
      for (String m : p.started) {
        out.println("  " + m);
      }
    }
    return TandemCli.OK;
  }

  private int setPaused(CuratorFramework zk, ZnodePaths paths, boolean pause) throws Exception {
    if (pause) {
      byte[] by = ("paused by " + Hosts.localHostName() + " at " + System.currentTimeMillis())
          .getBytes(StandardCharsets.UTF_8);
      try {
        zk.create().creatingParentsIfNeeded().forPath(paths.migratePaused(), by);
      } catch (KeeperException.NodeExistsException e) {
        // Already paused: the same outcome.
      }
      out.println("migration paused: moves under way finish, no new ones start");
    } else {
      try {
        zk.delete().forPath(paths.migratePaused());
      } catch (KeeperException.NoNodeException e) {
        // Not paused: the same outcome.
      }
      out.println("migration resumed");
    }
    return TandemCli.OK;
  }
}
