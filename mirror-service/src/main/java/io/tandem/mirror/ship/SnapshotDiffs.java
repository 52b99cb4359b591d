package io.tandem.mirror.ship;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.impl.SnapshotDiffReportGenerator;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReportListing;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReportListing.DiffReportListingEntry;

/**
 * The difference between two snapshots of a volume, read with {@code getSnapshotDiffReportListing} page by page (the
 * NameNode answers at most {@code dfs.namenode.snapshotdiff.listing.limit} entries a call, so it never builds one
 * huge report under its lock), then combined into renames, deletes, creates and modifications as HDFS's own client
 * does. The combined diff is held in this agent's memory (about a hundred bytes an entry).
 */
public final class SnapshotDiffs {
  private SnapshotDiffs() {}

  /** The diff from {@code from} to {@code to}; also returns how many pages it took in {@code pages[0]}. */
  public static SnapshotDiffReport between(DistributedFileSystem fs, String root, String from, String to, int[] pages)
      throws IOException {
    List<DiffReportListingEntry> modified = new ArrayList<>();
    List<DiffReportListingEntry> created = new ArrayList<>();
    List<DiffReportListingEntry> deleted = new ArrayList<>();
    String startPath = "";
    int index = -1;
    boolean fromEarlier = true;
    int n = 0;
    do {
      SnapshotDiffReportListing page = fs.getSnapshotDiffReportListing(new Path(root), from, to, startPath, index);
      n++;
      modified.addAll(page.getModifyList());
      created.addAll(page.getCreateList());
      deleted.addAll(page.getDeleteList());
      fromEarlier = page.getIsFromEarlier();
      startPath = DFSUtilClient.bytes2String(page.getLastPath());
      index = page.getLastIndex();
    } while (!(startPath.isEmpty() && index == -1));
    if (pages != null) {
      pages[0] = n;
    }
    return new SnapshotDiffReportGenerator(root, from, to, fromEarlier, modified, created, deleted).generateReport();
  }
}
