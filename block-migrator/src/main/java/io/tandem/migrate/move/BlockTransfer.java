package io.tandem.migrate.move;

import java.io.IOException;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;

/** Copies one replica from a source DataNode to a target, leaving the source's removal to the NameNode. */
public interface BlockTransfer {
  /**
   * Returns once the target holds the replica and told the NameNode so.
   *
   * @throws IOException if the copy failed or was refused (the move is then retried)
   */
  void copy(long blockId, long generationStamp, long numBytes, DatanodeInfo source, DatanodeInfo target,
      StorageType targetType) throws IOException, InterruptedException;
}
