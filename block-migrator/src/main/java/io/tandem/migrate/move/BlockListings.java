package io.tandem.migrate.move;

import io.tandem.coord.record.MigrationRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;

/** One round's view of the block map: each DataNode's complete blocks, asked of the NameNode at most once. */
final class BlockListings {
  private final NameNodeConnection namenode;
  private final Map<String, DatanodeInfo> live;
  private final Map<String, Map<Long, ListedBlock>> byNode = new HashMap<>();

  BlockListings(NameNodeConnection namenode, Map<String, DatanodeInfo> live) {
    this.namenode = namenode;
    this.live = live;
  }

  /** The DataNode's complete blocks by id; empty for a DataNode that is not live. */
  Map<Long, ListedBlock> of(String datanodeUuid) throws IOException {
    Map<Long, ListedBlock> blocks = byNode.get(datanodeUuid);
    if (blocks == null) {
      blocks = new HashMap<>();
      DatanodeInfo dn = live.get(datanodeUuid);
      if (dn != null) {
        List<ListedBlock> listed = namenode.blocksOn(dn);
        for (ListedBlock b : listed) {
          blocks.put(b.blockId(), b);
        }
      }
      byNode.put(datanodeUuid, blocks);
    }
    return blocks;
  }

  /**
   * The move's block as the block map lists it now, found through its target or its source (it lists all of a
   * block's locations either way); empty when it is not complete there or neither holds it.
   */
  Optional<ListedBlock> find(MigrationRecord move) throws IOException {
    ListedBlock b = of(move.target).get(move.blockId);
    if (b == null) {
      b = of(move.source).get(move.blockId);
    }
    return Optional.ofNullable(b);
  }
}
