package io.tandem.hadoop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.junit.jupiter.api.Test;

/**
 * Locating paths by inode id, against a namespace of / (16385), /data (16386), the sync volume /data/logs (16387)
 * and its file a (16388), and /tmp (16389). As HDFS does, statuses carry no names, and {@code <id>/..} answers with
 * the parent (the root with itself).
 */
class InodePathsTest {
  /** /secure/logs is a sync volume this user cannot traverse to. */
  private static final List<String> ROOTS = List.of("/secure/logs", "/data/logs");
  private final Map<String, Long> ids = new HashMap<>();
  private final Map<Long, Long> parents = new HashMap<>();

  InodePathsTest() {
    inode("/", 16385, 16385);
    inode("/data", 16386, 16385);
    inode("/data/logs", 16387, 16386);
    inode("/data/logs/a", 16388, 16387);
    inode("/tmp", 16389, 16385);
  }

  private void inode(String path, long id, long parent) {
    ids.put(path, id);
    parents.put(id, parent);
  }

  private HdfsFileStatus info(String path) throws java.io.IOException {
    if (path.startsWith("/secure")) {
      throw new org.apache.hadoop.security.AccessControlException("Permission denied: user=u, access=EXECUTE");
    }
    if (path.startsWith(InodePaths.PREFIX + "99999")) {
      throw new java.io.FileNotFoundException("File does not exist: " + path); // as HDFS answers for a gone inode
    }
    Long id = ids.get(path);
    if (path.startsWith(InodePaths.PREFIX)) {
      String[] parts = path.substring(InodePaths.PREFIX.length()).split("/");
      id = Long.parseLong(parts[0]);
      id = parents.containsKey(id) ? id : null;
      if (id != null && parts.length == 2 && parts[1].equals("..")) {
        id = parents.get(id);
      } else if (id != null && parts.length > 1) {
        // names below an inode: those in the table above, by full path
        String full = pathOf(id) + "/" + String.join("/", java.util.Arrays.copyOfRange(parts, 1, parts.length));
        id = ids.get(full.replace("//", "/"));
      }
    }
    return id == null ? null : new HdfsFileStatus.Builder().isdir(true).fileId(id).perm(FsPermission.getDirDefault())
        .build();
  }

  private String pathOf(long id) {
    return ids.entrySet().stream().filter(e -> e.getValue() == id).findFirst().orElseThrow().getKey();
  }

  private String locate(String path) throws Exception {
    return InodePaths.locate(path, ROOTS, this::info);
  }

  @Test
  void anInodeInAVolumeStandsForThatVolume() throws Exception {
    assertEquals("/data/logs", locate("/.reserved/.inodes/16388"));
    assertEquals("/data/logs", locate("/.reserved/.inodes/16387"));
    assertEquals("/data/logs", locate("/.reserved/.inodes/16387/new/deeper"), "a part not there yet: its parent's");
    assertEquals("/data/logs", locate("/.reserved/.inodes/16386/logs/a"));
  }

  @Test
  void anInodeAboveAVolumeStandsForItsOwnPathAndOneOutsideForNone() throws Exception {
    assertEquals("/data", locate("/.reserved/.inodes/16386"));
    assertEquals("/", locate("/.reserved/.inodes/16385"));
    assertEquals("/.reserved/.inodes/16389/x", locate("/.reserved/.inodes/16389/x"), "outside every volume");
    assertEquals("/.reserved/.inodes/16386/other", locate("/.reserved/.inodes/16386/other"),
        "a name not there below a directory above the volume: not in it");
    assertEquals("/.reserved/.inodes/99999", locate("/.reserved/.inodes/99999"), "no such inode");
    assertEquals("/.reserved/.inodes/99999/x", locate("/.reserved/.inodes/99999/x"));
    assertEquals("/data/logs/a", locate("/data/logs/a"), "not by inode id");
  }
}
