package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.VolumePaths;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffReportEntry;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffType;

/**
 * Returns a volume's live directory to one of its snapshots. HDFS has no snapshot restore, so this reconciles the
 * paths the snapshot diff names (and only those): what the snapshot lacks is deleted, what differs is copied back
 * from the snapshot, a renamed path is reconciled at both of its ends. A modified directory only gets its
 * attributes back, since its changed children have entries of their own.
 */
final class SnapshotRestore {
  private final DistributedFileSystem fs;
  private final Path root;

  SnapshotRestore(DistributedFileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** @param snapshot the snapshot to return to; null to empty the volume (Tandem's reserved directory aside) */
  void restore(String snapshot) throws IOException {
    if (snapshot == null) {
      for (FileStatus child : fs.listStatus(root)) {
        if (!child.getPath().getName().equals(VolumePaths.RESERVED)) {
          fs.delete(child.getPath(), true);
        }
      }
      return;
    }
    Path snapshotRoot = new Path(root, ".snapshot/" + snapshot);
    for (DiffReportEntry e : fs.getSnapshotDiffReport(root, snapshot, "").getDiffList()) {
      String source = DFSUtilClient.bytes2String(e.getSourcePath());
      if (source.isEmpty() || VolumePaths.isTandemOwn(source)) {
        continue;
      }
      if (e.getType() == DiffType.MODIFY) {
        FileStatus snap = SnapshotRequests.statusOrNull(fs, new Path(snapshotRoot, source));
        if (snap != null && snap.isDirectory()) {
          attributes(new Path(root, source), snap);
          continue;
        }
      }
      reconcile(snapshotRoot, source);
      if (e.getType() == DiffType.RENAME) {
        reconcile(snapshotRoot, DFSUtilClient.bytes2String(e.getTargetPath()));
      }
    }
  }

  private void reconcile(Path snapshotRoot, String rel) throws IOException {
    Path live = new Path(root, rel);
    FileStatus snap = SnapshotRequests.statusOrNull(fs, new Path(snapshotRoot, rel));
    FileStatus now = SnapshotRequests.statusOrNull(fs, live);
    if (snap == null) {
      if (now != null) {
        fs.delete(live, true);
      }
      return;
    }
    if (now != null && now.isDirectory() != snap.isDirectory()) {
      fs.delete(live, true);
      now = null;
    }
    if (snap.isFile()) {
      if (now == null || now.getLen() != snap.getLen() || !sameChecksum(snap.getPath(), live)) {
        fs.mkdirs(live.getParent());
        FileUtil.copy(fs, snap.getPath(), fs, live, false, true, fs.getConf());
      }
      attributes(live, snap);
      return;
    }
    fs.mkdirs(live);
    attributes(live, snap);
    Map<String, Boolean> names = new TreeMap<>();
    for (FileStatus c : fs.listStatus(snap.getPath())) {
      names.put(c.getPath().getName(), true);
    }
    if (now != null) {
      for (FileStatus c : fs.listStatus(live)) {
        names.putIfAbsent(c.getPath().getName(), false);
      }
    }
    for (String name : names.keySet()) {
      reconcile(snapshotRoot, rel + "/" + name);
    }
  }

  private boolean sameChecksum(Path a, Path b) throws IOException {
    FileChecksum x = fs.getFileChecksum(a);
    FileChecksum y = fs.getFileChecksum(b);
    return x != null && x.equals(y);
  }

  private void attributes(Path live, FileStatus snap) throws IOException {
    fs.setPermission(live, snap.getPermission());
    fs.setOwner(live, snap.getOwner(), snap.getGroup());
  }
}
