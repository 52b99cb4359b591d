package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/** A volume's snapshots read from HDFS under {@code <root>/.snapshot/<name>}, listed in pages. */
final class FileSystemSnapshots implements PlanBuilder.SnapshotTree {
  private final DistributedFileSystem fs;
  private final String root;

  FileSystemSnapshots(DistributedFileSystem fs, String root) {
    this.fs = fs;
    this.root = root;
  }

  private Path path(String snapshot, String rel) {
    return new Path(VolumePaths.resolve(VolumePaths.resolve(root, ".snapshot/" + snapshot), rel));
  }

  @Override
  public PlanBuilder.Node node(String snapshot, String rel) throws IOException {
    try {
      FileStatus st = fs.getFileStatus(path(snapshot, rel));
      return new PlanBuilder.Node(st.isDirectory(), st.isDirectory() ? 0 : st.getLen());
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  @Override
  public List<String> children(String snapshot, String rel) throws IOException {
    List<String> names = new ArrayList<>();
    RemoteIterator<FileStatus> it = fs.listStatusIterator(path(snapshot, rel));
    while (it.hasNext()) {
      names.add(it.next().getPath().getName());
    }
    return names;
  }
}
