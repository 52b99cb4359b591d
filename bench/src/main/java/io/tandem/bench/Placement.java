package io.tandem.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;

/**
 * Where the NameNode lists every replica of the blocks under some directories at one moment. Two of them tell what
 * was moved between them, by whatever moved it (the Balancer, Tandem): a replica on a DataNode that did not hold the
 * block before is a moved replica, counted with its block's size.
 */
final class Placement {
  /** One block of one file. */
  static final class Block {
    final String path;
    final long blockId;
    final long bytes;
    final Set<String> holders;

    Block(String path, long blockId, long bytes, Set<String> holders) {
      this.path = path;
      this.blockId = blockId;
      this.bytes = bytes;
      this.holders = Set.copyOf(holders);
    }
  }

  private final Map<Long, Block> blocks;

  private Placement(Map<Long, Block> blocks) {
    this.blocks = blocks;
  }

  static Placement of(DistributedFileSystem fs, Path... dirs) throws IOException {
    Map<Long, Block> blocks = new LinkedHashMap<>();
    for (Path dir : dirs) {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        String path = files.next().getPath().toUri().getPath();
        for (LocatedBlock b : fs.getClient().getLocatedBlocks(path, 0, Long.MAX_VALUE).getLocatedBlocks()) {
          Set<String> holders = new HashSet<>();
          for (DatanodeInfo d : b.getLocations()) {
            holders.add(d.getDatanodeUuid());
          }
          blocks.put(b.getBlock().getBlockId(), new Block(path, b.getBlock().getBlockId(), b.getBlockSize(), holders));
        }
      }
    }
    return new Placement(blocks);
  }

  List<Block> blocks() {
    return new ArrayList<>(blocks.values());
  }

  /** Bytes of the replicas that are on a DataNode now that did not hold their block in {@code before}. */
  long bytesMovedSince(Placement before) {
    long moved = 0;
    for (Block now : blocks.values()) {
      Block then = before.blocks.get(now.blockId);
      for (String holder : now.holders) {
        if (then != null && !then.holders.contains(holder)) {
          moved += now.bytes;
        }
      }
    }
    return moved;
  }

  /** Replica bytes per DataNode uuid: what each holds on disk of these blocks. */
  Map<String, Long> bytesByDataNode() {
    Map<String, Long> out = new TreeMap<>();
    for (Block b : blocks.values()) {
      for (String holder : b.holders) {
        out.merge(holder, b.bytes, Long::sum);
      }
    }
    return out;
  }
}
