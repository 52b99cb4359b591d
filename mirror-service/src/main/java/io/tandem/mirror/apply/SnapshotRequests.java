package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.MirrorProtocolException;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.protocol.SnapshotNameCheck;
import io.tandem.mirror.protocol.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffReportEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of snapshot shipping: listing and creating the volume's snapshots (the commit point), the
 * stash that renames and deletes pass through, and rolling the volume back to a snapshot. Every operation is
 * idempotent, so a resumed ship can repeat the portion it was in.
 */
final class SnapshotRequests {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRequests.class);
  private static final String SNAPSHOT_DIR = ".snapshot";

  private final DistributedFileSystem fs;

  SnapshotRequests(DistributedFileSystem fs) {
    this.fs = fs;
  }

  static Path stash(String root) {
    return new Path(VolumePaths.resolve(root, VolumePaths.RESERVED + "/stash"));
  }

  /** Makes the volume snapshottable, lists its snapshots and, if asked, what changed since one of them. */
  MirrorResponse snapshots(ReceivingVolume v, MirrorRequest r) throws IOException {
    Path root = new Path(v.root());
    fs.mkdirs(root);
    fs.allowSnapshot(root);
    List<String> names = names(root);
    List<String> changes = null;
    if (r.snapshot != null) {
      if (!names.contains(r.snapshot)) {
        return new MirrorResponse(Status.APPLIED, "no snapshot " + r.snapshot, null, null, names, null);
      }
      changes = changesSince(root, r.snapshot);
    }
    return new MirrorResponse(Status.APPLIED, null, null, null, names, changes);
  }

  private List<String> names(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(new Path(root, SNAPSHOT_DIR))) {
      names.add(s.getPath().getName());
    }
    Collections.sort(names);
    return names;
  }

  /** What changed in the live directory since the snapshot, leaving out Tandem's reserved directory. */
  List<String> changesSince(Path root, String snapshot) throws IOException {
    SnapshotDiffReport report = fs.getSnapshotDiffReport(root, snapshot, "");
    List<String> out = new ArrayList<>();
    for (DiffReportEntry e : report.getDiffList()) {
      String source = DFSUtilClient.bytes2String(e.getSourcePath());
      if (source.isEmpty() || isReserved(source)) {
        continue; // the root's own entry only says something below it changed
      }
      String line = e.getType().getLabel() + " " + source;
      if (e.getTargetPath() != null) {
        line += " -> " + DFSUtilClient.bytes2String(e.getTargetPath());
      }
      out.add(line);
    }
    return out;
  }

  private static boolean isReserved(String rel) {
    return VolumePaths.isTandemOwn(rel);
  }

  MirrorResponse create(ReceivingVolume v, MirrorRequest r) throws IOException {
    String name = snapshotName(r.snapshot);
    Path root = new Path(v.root());
    if (fs.exists(new Path(root, SNAPSHOT_DIR + "/" + name))) {
      return MirrorResponse.of(Status.ALREADY_APPLIED, null);
    }
    fs.allowSnapshot(root);
    fs.delete(stash(v.root()), true); // neither is ever inside a shipped snapshot
    fs.delete(StagingArea.directory(v.root()), true);
    fs.createSnapshot(root, name);
    LOG.info("Volume {}: snapshot {} created on arrival", v.name(), name);
    return MirrorResponse.of(Status.APPLIED, null);
  }

  MirrorResponse rollback(ReceivingVolume v, MirrorRequest r) throws IOException {
    Path root = new Path(v.root());
    String keep = snapshotName(r.keepAs);
    fs.allowSnapshot(root);
    if (!fs.exists(new Path(root, SNAPSHOT_DIR + "/" + keep))) {
      fs.createSnapshot(root, keep);
      LOG.warn("Volume {}: its state before the rollback is kept as snapshot {}", v.name(), keep);
    }
    new SnapshotRestore(fs, root).restore(r.snapshot == null ? null : snapshotName(r.snapshot));
    return MirrorResponse.of(Status.APPLIED, null);
  }

  MirrorResponse stash(ReceivingVolume v, Path path, MirrorRequest r) throws IOException {
    Path into = new Path(stash(v.root()), Long.toString(stashNumber(r)));
    if (!fs.exists(path)) {
      return MirrorResponse.of(Status.ALREADY_APPLIED, null);
    }
    fs.mkdirs(into.getParent());
    fs.rename(path, into, Options.Rename.OVERWRITE);
    return MirrorResponse.of(Status.APPLIED, null);
  }

  MirrorResponse unstash(ReceivingVolume v, MirrorRequest r) throws IOException {
    Path from = new Path(stash(v.root()), Long.toString(stashNumber(r)));
    Path to = new Path(VolumePaths.resolve(v.root(), VolumePaths.check(r.target)));
    if (!fs.exists(from)) {
      return fs.exists(to) ? MirrorResponse.of(Status.ALREADY_APPLIED, null)
          : MirrorResponse.of(Status.NEED_SYNC, "stash " + r.stash + " is gone and " + r.target + " is not here");
    }
    fs.mkdirs(to.getParent());
    try {
      fs.rename(from, to, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      return MirrorResponse.of(Status.NEED_SYNC, "moving stash " + r.stash + " to " + r.target + " failed: " + e.getMessage());
    }
    return MirrorResponse.of(Status.APPLIED, null);
  }

  MirrorResponse clearStash(ReceivingVolume v) throws IOException {
    return MirrorResponse.of(fs.delete(stash(v.root()), true) ? Status.APPLIED : Status.ALREADY_APPLIED, null);
  }

  private static long stashNumber(MirrorRequest r) {
    if (r.stash == null || r.stash < 0) {
      throw new MirrorProtocolException(r.op + " needs a stash number >= 0");
    }
    return r.stash;
  }

  private static String snapshotName(String name) {
    return SnapshotNameCheck.check(name, "snapshot request");
  }

  static FileStatus statusOrNull(DistributedFileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
