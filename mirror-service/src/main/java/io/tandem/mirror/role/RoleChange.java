package io.tandem.mirror.role;

import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.record.VolumeRole.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides a role change of a volume between its two sites ({@code tandem failover promote|demote}):
 * what each site's role record becomes, or why the change is refused. Every change raises the epoch above both
 * sites' epochs, so a request from the side that lost PRIMARY carries an epoch the other refuses. Pure: the caller
 * reads the records and writes what the plan says, durable writes first, each by compare-and-set.
 */
public final class RoleChange {
  /** What the operator asked. */
  public enum Action { PROMOTE, DEMOTE }

  /** What the peer site's ZooKeeper told: its record, no record, or nothing (unreachable). */
  public static final class PeerView {
    private final boolean reachable;
    private final VolumeRole role;

    private PeerView(boolean reachable, VolumeRole role) {
      this.reachable = reachable;
      this.role = role;
    }

    public static PeerView of(Optional<VolumeRole> role) {
      return new PeerView(true, role.orElse(null));
    }

    public static PeerView unreachable() {
      return new PeerView(false, null);
    }
  }

  /** Either a refusal or the records to write (the peer's may be absent: left as it is). */
  public static final class Plan {
    private final String refusal;
    private final VolumeRole local;
    private final VolumeRole peer;

    private Plan(String refusal, VolumeRole local, VolumeRole peer) {
      this.refusal = refusal;
      this.local = local;
      this.peer = peer;
    }

    public Optional<String> refusal() {
      return Optional.ofNullable(refusal);
    }

    /** This site's new record. */
    public VolumeRole local() {
      return Objects.requireNonNull(local, "a refused plan has no records");
    }

    /** The peer's new record, if it is to be written. */
    public Optional<VolumeRole> peer() {
      return Optional.ofNullable(peer);
    }
  }

  private RoleChange() {}

  /**
   * @param local this site's current record of the volume
   * @param force PROMOTE even though the peer still says PRIMARY (it is deposed) or cannot be read
   */
  public static Plan plan(Action action, String volume, String site, String peerSite, VolumeRole local,
      PeerView peer, boolean force, long nowMs, String by) {
    if (action == Action.DEMOTE) {
      if (local.role != Role.PRIMARY) {
        return refuse("volume " + volume + " is already " + local.role + " on " + site + " at epoch " + local.epoch);
      }
      return new Plan(null, record(volume, Role.REPLICA, local.epoch + 1, nowMs, by), null);
    }
    if (local.role == Role.PRIMARY) {
      return refuse("volume " + volume + " is already PRIMARY on " + site + " at epoch " + local.epoch);
    }
    if (!peer.reachable && !force) {
      return refuse("cannot read the role of volume " + volume + " on " + peerSite + " (its ZooKeeper, "
          + "tandem.link.peer." + peerSite + ".zk.quorum, is unreachable); promote with --force only if " + peerSite
          + " is down, and demote it there before it serves the volume again");
    }
    if (peer.role != null && peer.role.role == Role.PRIMARY && !force) {
      return refuse(peerSite + " still holds volume " + volume + " as PRIMARY at epoch " + peer.role.epoch
          + ": run tandem failover demote " + volume + " on " + peerSite + " first, or promote with --force to depose it");
    }
    long epoch = Math.max(local.epoch, peer.role == null ? 0 : peer.role.epoch) + 1;
    VolumeRole peerRecord = peer.reachable ? record(volume, Role.REPLICA, epoch, nowMs, by) : null;
    return new Plan(null, record(volume, Role.PRIMARY, epoch, nowMs, by), peerRecord);
  }

  private static Plan refuse(String why) {
    return new Plan(why, null, null);
  }

  private static VolumeRole record(String volume, Role role, long epoch, long nowMs, String by) {
    return new VolumeRole(VolumeRole.FORMAT, volume, role, epoch, nowMs, by);
  }
}
