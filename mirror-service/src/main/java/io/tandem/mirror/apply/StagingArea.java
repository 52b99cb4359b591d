package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.VolumePaths;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.Path;

/**
 * Where a new file's content is assembled before it replaces its target in one rename: the volume's reserved
 * {@code .tandem/staging} directory, so a reader never sees a half-copied file and staging never leaves the volume
 * (the rename stays within one directory tree, which HDFS does atomically).
 */
final class StagingArea {
  private StagingArea() {}

  static Path directory(String volumeRoot) {
    return new Path(VolumePaths.resolve(volumeRoot, VolumePaths.RESERVED + "/staging"));
  }

  /** The staging file for one change: unique per change and per target path. */
  static Path file(String volumeRoot, long txid, int index, String relativePath) {
    CRC32C crc = new CRC32C();
    crc.update(relativePath.getBytes(StandardCharsets.UTF_8));
    return new Path(directory(volumeRoot), txid + "-" + index + "-" + Long.toHexString(crc.getValue()));
  }
}
