package io.tandem.hadoop.cli;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.hadoop.agent.Hosts;
import io.tandem.mirror.role.RoleChange;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * {@code tandem failover promote|demote <vol> [--force]}: swaps a volume's roles between its two sites. Demote (on
 * the primary) first takes a snapshot, so what the site holds at that moment stays readable whatever follows, then
 * makes the volume REPLICA here. Promote (on the replica) makes it PRIMARY here and REPLICA on the peer, both at an
 * epoch above either site's; it refuses while the peer still says PRIMARY unless forced. The leading agents switch
 * their mirrors within a few seconds; the NameNode's attribute provider makes the REPLICA side read-only.
 */
final class FailoverCommand {
  static final String USAGE = "Usage: tandem failover promote|demote <volume> [--force]";

  private final Configuration conf;
  private final PrintStream out;
  private final PrintStream err;

  FailoverCommand(Configuration conf, PrintStream out, PrintStream err) {
    this.conf = conf;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    boolean force = rest.remove("--force");
    if (rest.size() != 2 || !(rest.get(0).equals("promote") || rest.get(0).equals("demote"))) {
      err.println(USAGE);
      return TandemCli.USAGE;
    }
    RoleChange.Action action = rest.get(0).equals("promote") ? RoleChange.Action.PROMOTE : RoleChange.Action.DEMOTE;
    Optional<VolumeArgument> arg = VolumeArgument.resolve(conf, rest.get(1), "tandem failover", err);
    if (arg.isEmpty()) {
      return TandemCli.FAILED;
    }
    TandemConfig config = arg.get().config;
    VolumeSettings v = arg.get().volume;
    if (v.peer() == null) {
      err.println("tandem failover: volume " + v.name() + " has no peer (tandem.volume." + v.name() + ".peer): it has no"
          + " roles to swap");
      return TandemCli.FAILED;
    }
    try (CuratorFramework zk = connect(config.zk())) {
      if (zk == null) {
        err.println("tandem failover: ZooKeeper " + config.zk().quorum() + " unreachable; nothing changed");
        return TandemCli.FAILED;
      }
      RecordStore<VolumeRole> roles = new RecordStore<>(zk, VolumeRole.class, new JsonCodec());
      String localPath = new ZnodePaths(config.siteId()).volumeRole(v.name());
      Optional<Versioned<VolumeRole>> local = roles.read(localPath);
      if (local.isEmpty()) {
        err.println("tandem failover: volume " + v.name() + " has no role on " + config.siteId() + " yet (the leading"
            + " agent records it when it starts); nothing changed");
        return TandemCli.FAILED;
      }
      return action == RoleChange.Action.DEMOTE
          ? demote(config, v, roles, local.get())
          : promote(config, v, roles, local.get(), force);
    }
  }

  private int demote(TandemConfig config, VolumeSettings v, RecordStore<VolumeRole> roles, Versioned<VolumeRole> local)
      throws Exception {
    RoleChange.Plan plan = RoleChange.plan(RoleChange.Action.DEMOTE, v.name(), config.siteId(), v.peer(),
        local.value(), RoleChange.PeerView.unreachable(), false, System.currentTimeMillis(), by());
    if (plan.refusal().isPresent()) {
      err.println("tandem failover: " + plan.refusal().get() + "; nothing changed");
      return TandemCli.FAILED;
    }
    String snapshot;
    try (FileSystem fs = FileSystem.newInstance(FileSystem.getDefaultUri(conf), conf)) {
      VolumeSnapshots snapshots = new VolumeSnapshots((DistributedFileSystem) fs, v.path(), config.siteId());
      snapshots.allow();
      snapshot = snapshots.take(Instant.now());
    }
    if (roles.compareAndSet(local.path(), local.version(), plan.local(), Fence.NONE).isEmpty()) {
      err.println("tandem failover: the role of volume " + v.name() + " changed meanwhile; nothing changed (snapshot "
          + snapshot + " was taken)");
      return TandemCli.FAILED;
    }
    out.println("volume " + v.name() + ": REPLICA on " + config.siteId() + " at epoch " + plan.local().epoch
        + "; what it held is kept in snapshot " + snapshot + " (" + v.path() + "/.snapshot/" + snapshot + "). Promote it"
        + " on " + v.peer() + " next: tandem failover promote " + v.name());
    return TandemCli.OK;
  }

  private int promote(TandemConfig config, VolumeSettings v, RecordStore<VolumeRole> roles, Versioned<VolumeRole> local,
      boolean force) throws Exception {
    String peerQuorum = config.link().peerZkQuorum(v.peer());
    try (CuratorFramework peerZk = peerQuorum == null ? null : connect(config.zk().forSite(v.peer(), peerQuorum))) {
      RecordStore<VolumeRole> peerRoles = peerZk == null ? null : new RecordStore<>(peerZk, VolumeRole.class, new JsonCodec());
      String peerPath = new ZnodePaths(v.peer()).volumeRole(v.name());
      Optional<Versioned<VolumeRole>> peer = peerRoles == null ? Optional.empty() : peerRoles.read(peerPath);
      RoleChange.PeerView view = peerRoles == null ? RoleChange.PeerView.unreachable()
          : RoleChange.PeerView.of(peer.map(Versioned::value));
      RoleChange.Plan plan = RoleChange.plan(RoleChange.Action.PROMOTE, v.name(), config.siteId(), v.peer(),
          local.value(), view, force, System.currentTimeMillis(), by());
      if (plan.refusal().isPresent()) {
        err.println("tandem failover: " + plan.refusal().get() + (peerQuorum == null
            ? " (tandem.link.peer." + v.peer() + ".zk.quorum is not set)" : "") + "; nothing changed");
        return TandemCli.FAILED;
      }
      // The peer first: once it is REPLICA at the new epoch, nothing it sends can land here any more.
      if (plan.peer().isPresent()) {
        Optional<Versioned<VolumeRole>> written = peer.isPresent()
            ? peerRoles.compareAndSet(peerPath, peer.get().version(), plan.peer().get(), Fence.NONE)
            : peerRoles.compareAndSet(peerPath, RecordStore.ABSENT, plan.peer().get(), Fence.NONE);
        if (written.isEmpty()) {
          err.println("tandem failover: the role of volume " + v.name() + " on " + v.peer() + " changed meanwhile;"
              + " nothing changed");
          return TandemCli.FAILED;
        }
      }
      if (roles.compareAndSet(local.path(), local.version(), plan.local(), Fence.NONE).isEmpty()) {
        err.println("tandem failover: the role of volume " + v.name() + " on " + config.siteId() + " changed meanwhile;"
            + (plan.peer().isPresent() ? " " + v.peer() + " is REPLICA at epoch " + plan.peer().get().epoch
            + " now: run the promote again" : " nothing changed"));
        return TandemCli.FAILED;
      }
      out.println("volume " + v.name() + ": PRIMARY on " + config.siteId() + " at epoch " + plan.local().epoch + "; "
          + (plan.peer().isPresent() ? v.peer() + " is REPLICA at the same epoch"
          : v.peer() + " could not be told (forced): demote it there before it serves the volume again")
          + ". The leading agents switch within a few seconds.");
      return TandemCli.OK;
    }
  }

  private static String by() {
    return "tandem failover on " + Hosts.localHostName();
  }

  /** A started client once connected, or null (closed) when ZooKeeper does not answer within the timeout. */
  private static CuratorFramework connect(ZkSettings settings) throws InterruptedException {
    CuratorFramework zk = ZkClients.newClient(settings);
    zk.start();
    if (!zk.blockUntilConnected(settings.connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
      zk.close();
      return null;
    }
    return zk;
  }
}
