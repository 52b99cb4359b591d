package io.tandem.it.migrate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.Block;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.tools.DFSck;

/**
 * Reads every replica of a file straight from each running DataNode's storage and compares it with what the file
 * must hold: no replica may carry another generation stamp or length than the NameNode's block, or other bytes.
 */
final class ReplicaAudit {
  private ReplicaAudit() {
  }

  /** What is wrong with the file's replicas; empty when every replica is current and equal to {@code expected}. */
  static List<String> problems(MiniDFSCluster cluster, DistributedFileSystem fs, Path file, byte[] expected)
      throws IOException {
    List<String> problems = new ArrayList<>();
    List<LocatedBlock> blocks = fs.getClient().getLocatedBlocks(file.toUri().getPath(), 0, Long.MAX_VALUE)
        .getLocatedBlocks();
    long covered = 0;
    for (LocatedBlock lb : blocks) {
      ExtendedBlock nn = lb.getBlock();
      byte[] want = Arrays.copyOfRange(expected, (int) lb.getStartOffset(),
          (int) Math.min(expected.length, lb.getStartOffset() + nn.getNumBytes()));
      covered += nn.getNumBytes();
      int holders = 0;
      for (DataNode dn : cluster.getDataNodes()) {
        Block stored = dn.getFSDataset().getStoredBlock(nn.getBlockPoolId(), nn.getBlockId());
        if (stored == null) {
          continue;
        }
        holders++;
        String where = "blk_" + nn.getBlockId() + " on " + dn.getDatanodeUuid();
        if (stored.getGenerationStamp() != nn.getGenerationStamp() || stored.getNumBytes() != nn.getNumBytes()) {
          problems.add(where + ": replica " + stored + " but the NameNode has " + nn.getLocalBlock());
          continue;
        }
        byte[] got = new byte[(int) stored.getNumBytes()];
        try (InputStream in = dn.getFSDataset().getBlockInputStream(new ExtendedBlock(nn.getBlockPoolId(), stored),
            0)) {
          int off = 0;
          for (int n = in.read(got, off, got.length - off); n > 0 && off < got.length; n = in.read(got, off,
              got.length - off)) {
            off += n;
          }
        }
        if (!Arrays.equals(want, got)) {
          problems.add(where + ": bytes differ from the file's");
        }
      }
      if (holders < lb.getLocations().length) {
        problems.add("blk_" + nn.getBlockId() + ": " + holders + " replicas on disk, NameNode lists "
            + lb.getLocations().length);
      }
    }
    if (covered != expected.length) {
      problems.add(file + ": blocks cover " + covered + " B, the file must have " + expected.length);
    }
    return problems;
  }

  /** fsck's verdict on the path: true when it says HEALTHY. */
  static boolean fsckHealthy(Configuration conf, Path path) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      new DFSck(conf, out).run(new String[] {path.toUri().getPath()});
    }
    return buffer.toString(StandardCharsets.UTF_8).contains("is HEALTHY");
  }
}
