package io.tandem.migrate.move;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.server.protocol.BlocksWithLocations.BlockWithLocations;

/** One complete block as the NameNode's block map lists it: its stamp, size and the DataNodes holding a replica. */
public final class ListedBlock {
  private final long blockId;
  private final long generationStamp;
  private final long numBytes;
  private final List<String> holders;
  private final List<StorageType> storageTypes;

  public ListedBlock(long blockId, long generationStamp, long numBytes, List<String> holders,
      List<StorageType> storageTypes) {
    this.blockId = blockId;
    this.generationStamp = generationStamp;
    this.numBytes = numBytes;
    this.holders = Collections.unmodifiableList(List.copyOf(holders));
    this.storageTypes = Collections.unmodifiableList(List.copyOf(storageTypes));
  }

  static ListedBlock of(BlockWithLocations b) {
    return new ListedBlock(b.getBlock().getBlockId(), b.getBlock().getGenerationStamp(), b.getBlock().getNumBytes(),
        Arrays.asList(b.getDatanodeUuids()), Arrays.asList(b.getStorageTypes()));
  }

  public long blockId() {
    return blockId;
  }

  public long generationStamp() {
    return generationStamp;
  }

  public long numBytes() {
    return numBytes;
  }

  /** DataNode uuids, one per replica. */
  public List<String> holders() {
    return holders;
  }

  public boolean isHeldBy(String datanodeUuid) {
    return holders.contains(datanodeUuid);
  }

  /** The storage type of the replica on {@code datanodeUuid}, DISK if it holds none. */
  public StorageType storageTypeOn(String datanodeUuid) {
    int i = holders.indexOf(datanodeUuid);
    return i >= 0 && i < storageTypes.size() ? storageTypes.get(i) : StorageType.DEFAULT;
  }

  @Override
  public String toString() {
    return "blk_" + blockId + "_" + generationStamp + " (" + numBytes + " B) on " + holders;
  }
}
