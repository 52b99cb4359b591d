package io.tandem.mirror.verify;

import io.tandem.mirror.protocol.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Compares two directory trees: listing, types, lengths, permissions and content checksums. Both filesystems must
 * compute checksums with {@code dfs.checksum.combine.mode=COMPOSITE_CRC}, so files with different block sizes
 * compare equal when their bytes are. Tandem's reserved directory is ignored.
 */
public final class TreeComparison {
  private final FileSystem sourceFs;
  private final Path sourceRoot;
  private final FileSystem targetFs;
  private final Path targetRoot;
  private final boolean checksums;

  public TreeComparison(FileSystem sourceFs, Path sourceRoot, FileSystem targetFs, Path targetRoot, boolean checksums) {
    this.sourceFs = sourceFs;
    this.sourceRoot = sourceRoot;
    this.targetFs = targetFs;
    this.targetRoot = targetRoot;
    this.checksums = checksums;
  }

  /** Every difference, one line each, relative paths; empty when the trees are identical. */
  public List<String> differences() throws IOException {
    List<String> out = new ArrayList<>();
    compare("", out);
    return out;
  }

  private void compare(String rel, List<String> out) throws IOException {
    FileStatus s = status(sourceFs, sourceRoot, rel);
    FileStatus t = status(targetFs, targetRoot, rel);
    String name = rel.isEmpty() ? "/" : rel;
    if (s == null || t == null) {
      if (s != t) {
        out.add((s == null ? "extra on target: " : "missing on target: ") + name);
      }
      return;
    }
    if (s.isDirectory() != t.isDirectory()) {
      out.add("type differs: " + name + " is a " + kind(s) + " on the source and a " + kind(t) + " on the target");
      return;
    }
    if (!s.getPermission().equals(t.getPermission())) {
      out.add("permission differs: " + name + " " + s.getPermission() + " vs " + t.getPermission());
    }
    if (s.isFile()) {
      if (s.getLen() != t.getLen()) {
        out.add("length differs: " + name + " " + s.getLen() + " vs " + t.getLen());
      } else if (checksums) {
        FileChecksum a = sourceFs.getFileChecksum(child(sourceRoot, rel));
        FileChecksum b = targetFs.getFileChecksum(child(targetRoot, rel));
        if (a != null && b != null && !a.equals(b)) {
          out.add("content differs: " + name + " (" + a + " vs " + b + ")");
        }
      }
      return;
    }
    Map<String, Boolean> names = new TreeMap<>();
    for (FileStatus c : sourceFs.listStatus(child(sourceRoot, rel))) {
      names.put(c.getPath().getName(), true);
    }
    for (FileStatus c : targetFs.listStatus(child(targetRoot, rel))) {
      names.put(c.getPath().getName(), true);
    }
    for (String n : names.keySet()) {
      if (rel.isEmpty() && n.equals(VolumePaths.RESERVED)) {
        continue;
      }
      compare(rel.isEmpty() ? n : rel + "/" + n, out);
    }
  }

  private static Path child(Path root, String rel) {
    return rel.isEmpty() ? root : new Path(root, rel);
  }

  private static String kind(FileStatus s) {
    return s.isDirectory() ? "directory" : "file";
  }

  private static FileStatus status(FileSystem fs, Path root, String rel) throws IOException {
    try {
      return fs.getFileStatus(child(root, rel));
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
