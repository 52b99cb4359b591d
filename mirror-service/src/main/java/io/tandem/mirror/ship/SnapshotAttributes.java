package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorRequest.FileAttributes;
import io.tandem.mirror.read.AttributeReader;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a ship carries of a file's or directory's attributes, read from its snapshot, for the peer to take whole:
 * permission, owner and group; the full ACL (an empty one removes the peer's); every extended attribute but
 * Tandem's own, as the exact set (the peer drops any other); and for files, the modification time and replication.
 * A directory's times are not shipped: creating its children on the peer moves them anyway. Access times are not
 * shipped either: setting one fails where the peer has them off ({@code dfs.namenode.accesstime.precision=0}).
 * Reading {@code trusted.*} attributes takes the HDFS superuser, which the agent is.
 */
final class SnapshotAttributes {
  private SnapshotAttributes() {
  }

  static FileAttributes of(FileSystem fs, Path path, FileStatus status) throws IOException {
    boolean file = status.isFile();
    return new FileAttributes(status.getPermission().toShort(), status.getOwner(), status.getGroup(),
        file ? status.getModificationTime() : null, null, file ? status.getReplication() : null,
        AttributeReader.acl(fs, path, status), AttributeReader.xattrs(fs, path), null, true);
  }
}
