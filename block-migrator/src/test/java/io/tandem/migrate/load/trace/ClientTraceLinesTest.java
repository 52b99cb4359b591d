package io.tandem.migrate.load.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.junit.jupiter.api.Test;

/** Client-trace lines, built with Hadoop's own format string so a change of format fails here first. */
class ClientTraceLinesTest {
  private static final String UUID = "0f2d6f8e-4c1e-4d7e-9a55-3a1b2c3d4e5f";

  /** As {@code DataXceiver.readBlock} builds it and {@code BlockSender} completes it. */
  private static String readLine(String client, String block, long bytes) {
    String format = String.format(DataNode.DN_CLIENTTRACE_FORMAT, "/127.0.0.1:9866", "/127.0.0.1:51234", "", "%d",
        "HDFS_READ", client, "%d", UUID, block, "%d");
    return String.format(format, bytes, 0L, 123_456L);
  }

  @Test
  void aClientReadIsParsed() {
    String line = readLine("DFSClient_NONMAPREDUCE_-1187301_1", "BP-1-127.0.0.1-1700000000000:blk_1073741825_1001",
        1_056_768);
    assertTrue(ClientTraceLines.isRead(line));
    ClientTraceRead read = ClientTraceLines.parseRead(line);
    assertEquals(UUID, read.datanodeUuid());
    assertEquals(1_073_741_825L, read.blockId());
    assertEquals(1_056_768L, read.bytes());
  }

  @Test
  void aClientNameWithTheSeparatorsInsideDoesNotConfuseIt() {
    String line = readLine("odd, srvID: x, blockid: y, op: HDFS_READ, ", "BP-7:blk_42_7", 10);
    ClientTraceRead read = ClientTraceLines.parseRead(line);
    assertEquals(UUID, read.datanodeUuid());
    assertEquals(42L, read.blockId());
    assertEquals(10L, read.bytes());
  }

  @Test
  void legacyNegativeBlockIdsAreRead() {
    ClientTraceRead read = ClientTraceLines.parseRead(readLine("c", "BP-7:blk_-9023372036854775_1003", 5));
    assertEquals(-9_023_372_036_854_775L, read.blockId());
  }

  @Test
  void otherLinesAreNotReads() {
    String write = String.format(DataNode.DN_CLIENTTRACE_FORMAT, "/127.0.0.1:51234", "/127.0.0.1:9866", "/data/1",
        1024, "HDFS_WRITE", "c", 0, UUID, "BP-7:blk_42_7", 99);
    assertFalse(ClientTraceLines.isRead(write));
    assertNull(ClientTraceLines.parseRead(write));
    assertFalse(ClientTraceLines.isRead("DatanodeRegistration(...) Served block BP-7:blk_42_7 to /127.0.0.1"));
    assertNull(ClientTraceLines.parseRead(null));
    assertNull(ClientTraceLines.parseRead("src: a, dest: b, volume: , bytes: lots, op: HDFS_READ, cliID: c, offset: 0,"
        + " srvID: u, blockid: BP-7:blk_42_7, duration(ns): 1"));
    assertNull(ClientTraceLines.parseRead("src: a, dest: b, volume: , bytes: 5, op: HDFS_READ, cliID: c, offset: 0,"
        + " srvID: u, blockid: BP-7:block42, duration(ns): 1"));
    assertNull(ClientTraceLines.parseRead("bytes: 5, op: HDFS_READ, cliID: c"));
  }
}
