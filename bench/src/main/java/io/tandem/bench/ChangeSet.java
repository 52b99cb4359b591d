package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One change set of the ship bench: what a volume holds before (the base, snapshot s1), what is done to it after
 * (snapshot s2), and the targets Tandem's ship is held to against DistCp's snapshot-diff copy.
 */
final class ChangeSet {
  /** Work on a volume's tree: writes the base, or changes it. */
  interface TreeWork {
    void apply(FileSystem fs, Path root) throws Exception;
  }

  final String name;
  final String description;
  final TreeWork base;
  final TreeWork change;
  /** Content bytes the change adds (written or appended); 0 for renames only. */
  final long changedBytes;
  /** DistCp bytes over Tandem bytes at least this; 0 for no target. */
  final double bytesRatioTarget;
  /** DistCp time over Tandem time at least this; 0 for no target. */
  final double timeRatioTarget;

  ChangeSet(String name, String description, TreeWork base, TreeWork change, long changedBytes,
      double bytesRatioTarget, double timeRatioTarget) {
    this.name = name;
    this.description = description;
    this.base = base;
    this.change = change;
    this.changedBytes = changedBytes;
    this.bytesRatioTarget = bytesRatioTarget;
    this.timeRatioTarget = timeRatioTarget;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("changed_bytes", changedBytes);
    m.put("target_bytes_ratio", bytesRatioTarget > 0 ? bytesRatioTarget : null);
    m.put("target_time_ratio", timeRatioTarget > 0 ? timeRatioTarget : null);
    return m;
  }
}
