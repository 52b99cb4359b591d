package io.tandem.coord.conf;

/** One volume: an HDFS directory with its peer, initial primary, mirroring mode and snapshot schedule. */
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

  VolumeSettings(String name, String path, String peer, String remotePath, String primary, MirrorMode mirror,
      LinkDownPolicy syncOnLinkDown, long snapshotIntervalMs, int snapshotRetain, boolean ship,
      TargetChangedPolicy onTargetChanged) {
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

  @Override
  public String toString() {
    return "volume " + name + " (" + path + ")";
  }
}
