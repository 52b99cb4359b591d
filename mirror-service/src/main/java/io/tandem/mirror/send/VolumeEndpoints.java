package io.tandem.mirror.send;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.VolumePaths;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/** A volume seen from its sending site: the local directory and filesystem, and what the peer calls it. */
public final class VolumeEndpoints {
  private final String volume;
  private final String localRoot;
  private final String remoteRoot;
  private final DistributedFileSystem fs;

  public VolumeEndpoints(String volume, String localRoot, String remoteRoot, DistributedFileSystem fs) {
    this.volume = Objects.requireNonNull(volume);
    this.localRoot = Objects.requireNonNull(localRoot);
    this.remoteRoot = Objects.requireNonNull(remoteRoot);
    this.fs = Objects.requireNonNull(fs);
  }

  public String volume() {
    return volume;
  }

  public String localRoot() {
    return localRoot;
  }

  public String remoteRoot() {
    return remoteRoot;
  }

  public DistributedFileSystem fs() {
    return fs;
  }

  public Path local(String relative) {
    return new Path(VolumePaths.resolve(localRoot, relative));
  }

  MirrorRequest.Builder request(MirrorOp op, long txid, int index, String relative) {
    return MirrorRequest.builder(op, volume, remoteRoot, txid, index).path(relative);
  }
}
