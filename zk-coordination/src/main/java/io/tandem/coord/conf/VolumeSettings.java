package io.tandem.coord.conf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One volume: an HDFS directory with its peer, initial primary, mirroring mode, snapshot schedule and shipping
 * (to the peer, onward to further sites, and from which sites it may arrive here).
 */
public final class VolumeSettings {
  /** Continuous mirroring mode. */
  public enum MirrorMode { OFF, ASYNC, SYNC }

  /** What a sync write does while the link is down. */
  public enum LinkDownPolicy { FAIL, DEGRADE }

  /** What a ship does when the peer's copy changed since the common snapshot. */
  public enum TargetChangedPolicy { FAIL, ROLLBACK }

  private final String name;
  private final String path;
  private final String peer;
  private final String remotePath;
  private final String primary;
  private final MirrorMode mirror;
  private final LinkDownPolicy syncOnLinkDown;
  private final long snapshotIntervalMs;
  private final int snapshotRetain;
  private final boolean ship;
  private final TargetChangedPolicy onTargetChanged;
  private final List<String> onward;
  private final List<String> sources;

  VolumeSettings(String name, String path, String peer, String remotePath, String primary, MirrorMode mirror,
      LinkDownPolicy syncOnLinkDown, long snapshotIntervalMs, int snapshotRetain, boolean ship,
      TargetChangedPolicy onTargetChanged, List<String> onward, List<String> sources) {
    this.name = name;
    this.path = path;
    this.peer = peer;
    this.remotePath = remotePath;
    this.primary = primary;
    this.mirror = mirror;
    this.syncOnLinkDown = syncOnLinkDown;
    this.snapshotIntervalMs = snapshotIntervalMs;
    this.snapshotRetain = snapshotRetain;
    this.ship = ship;
    this.onTargetChanged = onTargetChanged;
    this.onward = List.copyOf(onward);
    this.sources = List.copyOf(sources);
  }

  public String name() {
    return name;
  }

  public String path() {
    return path;
  }

  /** The peer site, or null for a volume that is only snapshotted locally. */
  public String peer() {
    return peer;
  }

  public String remotePath() {
    return remotePath;
  }

  /** The site that is primary at first; null only when the volume has no peer. */
  public String primary() {
    return primary;
  }

  public MirrorMode mirror() {
    return mirror;
  }

  public LinkDownPolicy syncOnLinkDown() {
    return syncOnLinkDown;
  }

  public long snapshotIntervalMs() {
    return snapshotIntervalMs;
  }

  public int snapshotRetain() {
    return snapshotRetain;
  }

  public boolean ship() {
    return ship;
  }

  public TargetChangedPolicy onTargetChanged() {
    return onTargetChanged;
  }

  /**
   * Sites this site ships the volume's snapshots to besides its peer ({@code ship.onward}): from a replica, each
   * snapshot that arrived here (a cascade); from the primary, each snapshot shipped (with {@code ship=true}).
   */
  public List<String> onward() {
    return onward;
  }

  /** Sites besides the peer that may ship the volume's snapshots here ({@code ship.sources}): a cascade's sources. */
  public List<String> sources() {
    return sources;
  }

  /** Every site whose changes and ships this site accepts for the volume: its peer, then its sources. */
  public Set<String> senders() {
    Set<String> out = new LinkedHashSet<>();
    if (peer != null) {
      out.add(peer);
    }
    out.addAll(sources);
    return out;
  }

  /** True when the volume lives on more than one site (it has a peer or sources), so it has a role here. */
  public boolean replicated() {
    return peer != null || !sources.isEmpty();
  }

  @Override
  public String toString() {
    return "volume " + name + " (" + path + ")";
  }
}
