package io.tandem.mirror.read;

import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
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

  /**
   * Every attribute of a file or directory, for the peer to take whole: permission, owner and group; the full ACL (an
   * empty one removes the peer's); every extended attribute but Tandem's own, as the exact set (the peer drops any
   * other); and for files, the modification time and replication. A directory's times are not carried: creating its
   * children on the peer moves them anyway. Access times are not carried either: setting one fails where the peer
   * has them off ({@code dfs.namenode.accesstime.precision=0}). Reading {@code trusted.*} attributes takes the HDFS
   * superuser, which the agent is.
   */
  public static FileAttributes whole(FileSystem fs, Path path, FileStatus status) throws IOException {
    boolean file = status.isFile();
    return new FileAttributes(status.getPermission().toShort(), status.getOwner(), status.getGroup(),
        file ? status.getModificationTime() : null, null, file ? status.getReplication() : null,
        acl(fs, path, status), xattrs(fs, path), null, true);
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
