package io.tandem.migrate.load.trace;

/** One client read a DataNode served, as its client-trace log line reports it. */
public final class ClientTraceRead {
  private final String datanodeUuid;
  private final long blockId;
  private final long bytes;

  public ClientTraceRead(String datanodeUuid, long blockId, long bytes) {
    this.datanodeUuid = datanodeUuid;
    this.blockId = blockId;
    this.bytes = bytes;
  }

  /** The DataNode that served the read ({@code srvID}). */
  public String datanodeUuid() {
    return datanodeUuid;
  }

  public long blockId() {
    return blockId;
  }

  /** Bytes sent, checksums included. */
  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "read of blk_" + blockId + " (" + bytes + " B) served by " + datanodeUuid;
  }
}
