package io.tandem.hadoop.sync;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.apache.hadoop.security.AccessControlException;

/**
 * Which sync volume a path by inode id ({@code /.reserved/.inodes/<id>/...}) is in. HDFS gives no call for an inode's
 * full path (its status carries no name), but it answers {@code /.reserved/.inodes/<id>/..} with the parent's status
 * (the lookup its NFS gateway uses): so the inode's ancestors are found by id, one NameNode call per level, and
 * compared with the volume roots' ids.
 */
public final class InodePaths {
  public static final String PREFIX = "/.reserved/.inodes/";
  /** Deeper than any namespace: a walk that goes on longer is given up. */
  static final int MAX_DEPTH = 1000;

  /** One status read: {@code DFSClient.getFileInfo}, null when nothing is there. */
  public interface Lookup {
    HdfsFileStatus info(String path) throws IOException;
  }

  private InodePaths() {
  }

  /** Whether {@code path} names an inode by id. */
  public static boolean isInodePath(String path) {
    return path.startsWith(PREFIX);
  }

  /**
   * A path the volumes are declared in terms of, standing for {@code path}: itself when not by inode id; else the
   * root of the volume the inode is in (the change is in that volume, somewhere), or the inode's own path when it
   * lies above volume roots (a rename or delete of it takes them along); else {@code path} itself, which is in no
   * volume: the inode is outside every one, or not there.
   */
  public static String locate(String path, Collection<String> volumeRoots, Lookup lookup) throws IOException {
    if (!isInodePath(path)) {
      return path;
    }
    String probe = path;
    HdfsFileStatus st = infoOrNull(lookup, probe);
    while (st == null) {
      int cut = probe.lastIndexOf('/');
      if (cut < PREFIX.length()) {
        return path; // not even the inode the path starts from is there
      }
      probe = probe.substring(0, cut); // a part that does not exist (yet): its parent says where it would be
      st = infoOrNull(lookup, probe);
    }
    List<Long> chain = ancestry(st, lookup);
    for (String root : volumeRoots) {
      HdfsFileStatus r = infoOrNull(lookup, root);
      if (r != null && chain.contains(r.getFileId())) {
        return root;
      }
    }
    if (probe.equals(path)) {
      for (String root : volumeRoots) {
        for (String above = parentOf(root); above != null; above = parentOf(above)) {
          HdfsFileStatus a = infoOrNull(lookup, above);
          if (a != null && a.getFileId() == st.getFileId()) {
            return above;
          }
        }
      }
    }
    return path;
  }

  /** The inode's id, then its parent's, and so on up to the root's. */
  private static List<Long> ancestry(HdfsFileStatus st, Lookup lookup) throws IOException {
    List<Long> chain = new ArrayList<>();
    long id = st.getFileId();
    chain.add(id);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      HdfsFileStatus up = infoOrNull(lookup, PREFIX + id + "/..");
      if (up == null || up.getFileId() == id) {
        break; // gone under the walk, or the root (its own parent)
      }
      id = up.getFileId();
      chain.add(id);
    }
    return chain;
  }

  /**
   * The status, or null when nothing is there or the caller may not see it (HDFS throws for an inode id that is
   * gone, and to a user who cannot traverse to a volume root): either way, not a place this path is in.
   */
  private static HdfsFileStatus infoOrNull(Lookup lookup, String path) throws IOException {
    try {
      return lookup.info(path);
    } catch (FileNotFoundException | AccessControlException e) {
      return null;
    }
  }

  private static String parentOf(String path) {
    if (path.equals("/")) {
      return null;
    }
    int cut = path.lastIndexOf('/');
    return cut == 0 ? "/" : path.substring(0, cut);
  }
}
