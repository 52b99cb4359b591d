package io.tandem.mirror.verify;

import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.StringUtils;

/**
 * A volume read directly from a filesystem. Checksums need {@code dfs.checksum.combine.mode=COMPOSITE_CRC} on the
 * filesystem's configuration so that copies with different block sizes compare.
 */
public final class FileSystemSide implements TreeSide {
  private final FileSystem fs;
  private final String root;
  private final boolean checksums;

  public FileSystemSide(FileSystem fs, String root, boolean checksums) {
    this.fs = fs;
    this.root = root;
    this.checksums = checksums;
  }

  @Override
  public List<ListedEntry> list(String rel) throws IOException {
    Path path = new Path(VolumePaths.resolve(root, rel));
    FileStatus st;
    try {
      st = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
    List<ListedEntry> out = new ArrayList<>();
    FileStatus[] children = st.isDirectory() ? fs.listStatus(path) : new FileStatus[] {st};
    for (FileStatus c : children) {
      String name = st.isDirectory() ? c.getPath().getName() : "";
      if (rel.isEmpty() && name.equals(VolumePaths.RESERVED)) {
        continue;
      }
      String checksum = null;
      if (checksums && c.isFile()) {
        FileChecksum fc = fs.getFileChecksum(c.getPath());
        checksum = fc == null ? null : StringUtils.byteToHexString(fc.getBytes());
      }
      out.add(new ListedEntry(name, c.isDirectory(), c.isDirectory() ? 0 : c.getLen(), checksum,
          c.getPermission().toShort()));
    }
    return out;
  }

  @Override
  public String describe() {
    return fs.getUri() + root;
  }
}
