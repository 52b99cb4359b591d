package io.tandem.hadoop.sync;

import io.tandem.coord.conf.VolumeSettings;
import io.tandem.mirror.protocol.VolumePaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Which paths belong to a sync volume, and where inside it. Immutable. */
public final class SyncVolumes {
  /** HDFS names every file under this prefix too (the raw namespace, which distcp uses to copy raw xattrs). */
  private static final String RAW = "/.reserved/raw";

  /** A path inside a sync volume. */
  public static final class Target {
    private final VolumeSettings volume;
    private final String relative;

    Target(VolumeSettings volume, String relative) {
      this.volume = volume;
      this.relative = relative;
    }

    public VolumeSettings volume() {
      return volume;
    }

    /** The path below the volume root, without a leading '/'; "" for the root itself. */
    public String relative() {
      return relative;
    }
  }

  /**
   * Stands for a path whose volume could not be told (a lookup by inode id failed): a change there may be in any
   * sync volume, so it waits for every one.
   */
  public static final String ANY_VOLUME = "/.reserved/.inodes/unknown";

  private final List<VolumeSettings> volumes;

  private SyncVolumes(List<VolumeSettings> volumes) {
    this.volumes = Collections.unmodifiableList(volumes);
  }

  /** The volumes declared {@code mirror=sync} among {@code declared}. */
  public static SyncVolumes of(Collection<VolumeSettings> declared) {
    List<VolumeSettings> sync = new ArrayList<>();
    for (VolumeSettings v : declared) {
      if (v.mirror() == VolumeSettings.MirrorMode.SYNC) {
        sync.add(v);
      }
    }
    return new SyncVolumes(sync);
  }

  public boolean isEmpty() {
    return volumes.isEmpty();
  }

  public List<VolumeSettings> volumes() {
    return volumes;
  }

  /** The sync volumes' root directories. */
  public List<String> roots() {
    List<String> out = new ArrayList<>();
    for (VolumeSettings v : volumes) {
      out.add(v.path());
    }
    return out;
  }

  /**
   * The sync volume holding {@code absolutePath} (a normalized absolute HDFS path, no scheme), if any. Volume roots
   * do not nest (one directory, one volume), so the first match is the only one.
   */
  public Optional<Target> resolve(String absolutePath) {
    absolutePath = withoutRaw(absolutePath);
    for (VolumeSettings v : volumes) {
      String relative = VolumePaths.relativize(v.path(), absolutePath);
      if (relative != null) {
        return Optional.of(new Target(v, relative));
      }
    }
    return Optional.empty();
  }

  /** The sync volumes a change of {@code absolutePath} is in: the one holding it, or every one for {@link #ANY_VOLUME}. */
  public List<Target> changedAt(String absolutePath) {
    if (absolutePath.equals(ANY_VOLUME)) {
      return everyRoot();
    }
    return resolve(absolutePath).map(List::of).orElse(List.of());
  }

  /**
   * The sync volumes a rename or delete of {@code absolutePath} changes: those of {@link #changedAt}, or each whose
   * root lies below it (a directory above a volume takes the whole volume along).
   */
  public List<Target> changedBySubtree(String absolutePath) {
    List<Target> holding = changedAt(absolutePath);
    if (!holding.isEmpty()) {
      return holding;
    }
    String path = withoutRaw(absolutePath);
    List<Target> out = new ArrayList<>();
    for (VolumeSettings v : volumes) {
      if (VolumePaths.relativize(path, v.path()) != null) {
        out.add(new Target(v, ""));
      }
    }
    return out;
  }

  private List<Target> everyRoot() {
    List<Target> out = new ArrayList<>();
    for (VolumeSettings v : volumes) {
      out.add(new Target(v, ""));
    }
    return out;
  }

  private static String withoutRaw(String absolutePath) {
    if (absolutePath.startsWith(RAW + "/")) {
      return absolutePath.substring(RAW.length()); // the same file, its raw xattrs visible (distcp -px)
    }
    return absolutePath;
  }
}
