package io.tandem.mirror.snapshot;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HDFS snapshots of one volume: make it snapshottable, take one, list Tandem's, prune to a count. */
public final class VolumeSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeSnapshots.class);

  private final DistributedFileSystem fs;
  private final Path root;
  private final String site;

  public VolumeSnapshots(DistributedFileSystem fs, String root, String site) {
    this.fs = fs;
    this.root = new Path(root);
    this.site = site;
  }

  /** Makes the volume's directory snapshottable (idempotent; needs HDFS superuser rights). */
  public void allow() throws IOException {
    fs.mkdirs(root);
    fs.allowSnapshot(root);
  }

  /** Takes a snapshot named for now and this site; O(1) in HDFS. */
  public String take(Instant now) throws IOException {
    String name = SnapshotNames.name(now, site);
    fs.createSnapshot(root, name);
    LOG.info("Snapshot {} of {} taken", name, root);
    return name;
  }

  /** Tandem's snapshots of the volume, oldest first. */
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    FileStatus[] all;
    try {
      all = fs.listStatus(new Path(root, ".snapshot"));
    } catch (FileNotFoundException notSnapshottable) {
      return names;
    }
    for (FileStatus s : all) {
      if (SnapshotNames.isTandem(s.getPath().getName())) {
        names.add(s.getPath().getName());
      }
    }
    Collections.sort(names);
    return names;
  }

  /** Deletes Tandem's oldest snapshots beyond {@code retain}; returns the names deleted. */
  public List<String> prune(int retain) throws IOException {
    return prune(retain, java.util.Set.of());
  }

  /**
   * Deletes Tandem's oldest snapshots beyond {@code retain}, never one of {@code keep} (a snapshot being shipped, or
   * the base the next ship builds on): while those are older than the rest, more than {@code retain} remain.
   */
  public List<String> prune(int retain, java.util.Set<String> keep) throws IOException {
    List<String> names = list();
    List<String> deleted = new ArrayList<>();
    int excess = names.size() - retain;
    for (String name : names) {
      if (deleted.size() >= excess) {
        break;
      }
      if (keep.contains(name)) {
        continue;
      }
      fs.deleteSnapshot(root, name);
      deleted.add(name);
      LOG.info("Snapshot {} of {} pruned (keeping {})", name, root, retain);
    }
    return deleted;
  }
}
