package io.tandem.mirror.read;

import io.tandem.mirror.apply.ChangeApplier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclUtil;

/** Reads a file's ACL and extended attributes in the form requests carry them, for ships and the mirror alike. */
public final class AttributeReader {
  private AttributeReader() {
  }

  /** The full ACL (base entries included) when the file has one, else empty: one NameNode call only then. */
  public static List<String> acl(FileSystem fs, Path path, FileStatus status) throws IOException {
    List<String> acl = new ArrayList<>();
    if (status.hasAcl()) {
      for (AclEntry e : AclUtil.getAclFromPermAndEntries(status.getPermission(), fs.getAclStatus(path).getEntries())) {
        acl.add(e.toStringStable());
      }
    }
    return acl;
  }

  /** Every extended attribute but Tandem's own, values in base64. */
  public static Map<String, String> xattrs(FileSystem fs, Path path) throws IOException {
    Map<String, String> xattrs = new TreeMap<>();
    for (Map.Entry<String, byte[]> x : fs.getXAttrs(path).entrySet()) {
      if (!x.getKey().startsWith(ChangeApplier.OWN_XATTR_PREFIX)) {
        xattrs.put(x.getKey(), Base64.getEncoder().encodeToString(x.getValue()));
      }
    }
    return xattrs;
  }
}
