package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.server.datanode.DataNode;

/**
 * The migration bench's data, placed the same way in every scenario: hot files of one block each, with one replica on
 * the hot DataNode and the other on each of the rest in turn (so HDFS's read-side choices have a second replica to
 * choose), and cold files of one block whose two replicas fill the other DataNodes up to the hot one's replica count,
 * so every DataNode holds the same bytes on disk: the hot one is hot by its reads alone.
 */
final class HotDataSet {
  static final Path HOT = new Path("/hot");
  static final Path COLD = new Path("/cold");
  private static final long PLACEMENT_WAIT_MS = 60_000;

  final String hotUuid;
  final List<Path> hotFiles;
  final int coldFiles;
  /** Blocks whose replicas are not on the DataNodes they were written to (favored nodes are a hint to HDFS). */
  final int misplaced;
  final Placement placement;

  private HotDataSet(String hotUuid, List<Path> hotFiles, int coldFiles, int misplaced, Placement placement) {
    this.hotUuid = hotUuid;
    this.hotFiles = List.copyOf(hotFiles);
    this.coldFiles = coldFiles;
    this.misplaced = misplaced;
    this.placement = placement;
  }

  /** Writes the data set with {@code dataNodes.get(0)} as the hot DataNode and waits until it is all placed. */
  static HotDataSet write(DistributedFileSystem fs, List<DataNode> dataNodes, int hotBlocks) throws Exception {
    DataNode hot = dataNodes.get(0);
    List<DataNode> others = dataNodes.subList(1, dataNodes.size());
    byte[] content = new byte[(int) TandemSite.BLOCK_SIZE];
    new Random(7).nextBytes(content);
    Map<String, Set<String>> intended = new HashMap<>();
    List<Path> hotFiles = new ArrayList<>();
    for (int i = 0; i < hotBlocks; i++) {
      Path p = new Path(HOT, String.format("h-%04d", i));
      write(fs, p, content, hot, others.get(i % others.size()), intended);
      hotFiles.add(p);
    }
    int m = others.size();
    int coldFiles = (int) Math.round((m - 1) * (double) hotBlocks / 2);
    for (int j = 0; j < coldFiles; j++) {
      write(fs, new Path(COLD, String.format("c-%04d", j)), content, others.get(2 * j % m), others.get((2 * j + 1) % m),
          intended);
    }
    Placement placement = awaitReplicas(fs);
    int misplaced = 0;
    for (Placement.Block b : placement.blocks()) {
      misplaced += b.holders.equals(intended.get(b.path)) ? 0 : 1;
    }
    return new HotDataSet(hot.getDatanodeUuid(), hotFiles, coldFiles, misplaced, placement);
  }

  private static void write(DistributedFileSystem fs, Path p, byte[] content, DataNode first, DataNode second,
      Map<String, Set<String>> intended) throws IOException {
    InetSocketAddress[] favored = {address(first), address(second)};
    try (FSDataOutputStream out = fs.create(p, FsPermission.getFileDefault(), true, 4096, MigrateSite.REPLICATION,
        TandemSite.BLOCK_SIZE, null, favored)) {
      out.write(content);
    }
    intended.put(p.toUri().getPath(), Set.of(first.getDatanodeUuid(), second.getDatanodeUuid()));
  }

  static InetSocketAddress address(DataNode dn) {
    return InetSocketAddress.createUnresolved(dn.getDatanodeId().getIpAddr(), dn.getXferPort());
  }

  /** The NameNode completes a block on its first replica; the second is listed once its DataNode reports it. */
  private static Placement awaitReplicas(DistributedFileSystem fs) throws Exception {
    long deadline = System.currentTimeMillis() + PLACEMENT_WAIT_MS;
    while (true) {
      Placement p = Placement.of(fs, HOT, COLD);
      boolean all = p.blocks().stream().allMatch(b -> b.holders.size() >= MigrateSite.REPLICATION);
      if (all || System.currentTimeMillis() > deadline) {
        return p;
      }
      Thread.sleep(100);
    }
  }
}
