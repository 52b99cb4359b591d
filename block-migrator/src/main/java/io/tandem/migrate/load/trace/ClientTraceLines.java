package io.tandem.migrate.load.trace;

/**
 * Parses the DataNode's client-trace lines ({@code DataNode.DN_CLIENTTRACE_FORMAT} in Hadoop 3.4):
 *
 * <pre>
 * src: %s, dest: %s, volume: %s, bytes: %s, op: %s, cliID: %s, offset: %s, srvID: %s, blockid: %s, duration(ns): %s
 * </pre>
 *
 * <p>For a client read ({@code op: HDFS_READ}, logged by {@code BlockSender} once the read request is served),
 * {@code bytes} is what was sent, {@code srvID} the serving DataNode's UUID and {@code blockid} the block as
 * {@code BP-<pool>:blk_<id>_<genstamp>}. The client name ({@code cliID}) is chosen by the client, so the fields after
 * it are found from the end of the line and the fields before it from the start.
 */
public final class ClientTraceLines {
  private static final String READ_OP = ", op: HDFS_READ, ";
  private static final String BYTES = "bytes: ";
  private static final String SERVER = ", srvID: ";
  private static final String BLOCK = ", blockid: ";
  private static final String DURATION = ", duration(ns): ";
  private static final String BLOCK_PREFIX = "blk_";

  private ClientTraceLines() {
  }

  /** Cheap test for the lines worth parsing: client reads. */
  public static boolean isRead(String line) {
    return line != null && line.contains(READ_OP);
  }

  /** The read a line reports, or null when the line is not a well-formed client read. */
  public static ClientTraceRead parseRead(String line) {
    if (line == null) {
      return null;
    }
    int op = line.indexOf(READ_OP);
    int bytesAt = line.lastIndexOf(BYTES, op);
    int serverAt = line.lastIndexOf(SERVER);
    int blockAt = line.lastIndexOf(BLOCK);
    if (op < 0 || bytesAt < 0 || serverAt < op || blockAt < serverAt) {
      return null;
    }
    int blockEnd = line.indexOf(DURATION, blockAt);
    String uuid = line.substring(serverAt + SERVER.length(), blockAt);
    long bytes = parseLong(line.substring(bytesAt + BYTES.length(), op));
    Long blockId = blockId(line.substring(blockAt + BLOCK.length(), blockEnd < 0 ? line.length() : blockEnd));
    if (uuid.isEmpty() || bytes < 0 || blockId == null) {
      return null;
    }
    return new ClientTraceRead(uuid, blockId, bytes);
  }

  /** The id in {@code BP-...:blk_<id>_<genstamp>}; legacy ids may be negative. */
  static Long blockId(String block) {
    int start = block.lastIndexOf(BLOCK_PREFIX);
    if (start < 0) {
      return null;
    }
    start += BLOCK_PREFIX.length();
    int end = block.indexOf('_', start + 1);
    String digits = block.substring(start, end < 0 ? block.length() : end);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
