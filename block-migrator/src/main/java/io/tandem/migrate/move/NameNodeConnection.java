package io.tandem.migrate.move;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.NameNodeProxies;
import org.apache.hadoop.hdfs.client.BlockReportOptions;
import org.apache.hadoop.hdfs.protocol.ClientDatanodeProtocol;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.hdfs.protocol.datatransfer.TrustedChannelResolver;
import org.apache.hadoop.hdfs.protocol.datatransfer.sasl.DataTransferSaslUtil;
import org.apache.hadoop.hdfs.protocol.datatransfer.sasl.SaslDataTransferClient;
import org.apache.hadoop.hdfs.server.balancer.KeyManager;
import org.apache.hadoop.hdfs.server.protocol.BlocksWithLocations;
import org.apache.hadoop.hdfs.server.protocol.BlocksWithLocations.BlockWithLocations;
import org.apache.hadoop.hdfs.server.protocol.NamenodeProtocol;
import org.apache.hadoop.ipc.RPC;

/**
 * The leader's line to the NameNode for moving replicas, set up as the HDFS Balancer sets up its own: the
 * NameNode protocol for the block map ({@code getBlocks}) and block keys, the client protocol for live DataNodes,
 * a {@link KeyManager} for block tokens and a SASL client for data-transfer connections. Needs the HDFS superuser,
 * as the Balancer does; the NameNode plugin runs as it.
 */
public final class NameNodeConnection implements Closeable {
  /**
   * Asks {@code getBlocks} for every block of a DataNode. The NameNode walks the DataNode's block list to this many
   * bytes; the planner only looks at the few DataNodes that are hot or take part in a move.
   */
  private static final long WHOLE_DATANODE_BYTES = Long.MAX_VALUE / 2;

  private final DistributedFileSystem fs;
  private final NamenodeProtocol namenode;
  private final KeyManager keys;
  private final SaslDataTransferClient sasl;
  private final String blockPoolId;
  private final Configuration conf;

  private NameNodeConnection(Configuration conf, DistributedFileSystem fs, NamenodeProtocol namenode, KeyManager keys,
      SaslDataTransferClient sasl, String blockPoolId) {
    this.fs = fs;
    this.namenode = namenode;
    this.keys = keys;
    this.sasl = sasl;
    this.blockPoolId = blockPoolId;
    this.conf = conf;
  }

  /** Connects to the default file system's NameNode (HA-aware through its logical URI). */
  public static NameNodeConnection open(Configuration conf) throws IOException {
    URI uri = FileSystem.getDefaultUri(conf);
    DistributedFileSystem fs = (DistributedFileSystem) FileSystem.newInstance(uri, conf);
    NamenodeProtocol namenode = null;
    try {
      AtomicBoolean fallbackToSimpleAuth = new AtomicBoolean(false);
      namenode = NameNodeProxies.createProxy(conf, uri, NamenodeProtocol.class, fallbackToSimpleAuth).getProxy();
      String blockPoolId = namenode.versionRequest().getBlockPoolID();
      boolean encrypt = fs.getServerDefaults(new Path("/")).getEncryptDataTransfer();
      KeyManager keys = new KeyManager(blockPoolId, namenode, encrypt, conf);
      keys.startBlockKeyUpdater();
      SaslDataTransferClient sasl = new SaslDataTransferClient(conf, DataTransferSaslUtil.getSaslPropertiesResolver(conf),
          TrustedChannelResolver.getInstance(conf), fallbackToSimpleAuth);
      return new NameNodeConnection(conf, fs, namenode, keys, sasl, blockPoolId);
    } catch (IOException | RuntimeException e) {
      if (namenode != null) {
        RPC.stopProxy(namenode);
      }
      fs.close();
      throw e;
    }
  }

  public String blockPoolId() {
    return blockPoolId;
  }

  KeyManager keys() {
    return keys;
  }

  SaslDataTransferClient sasl() {
    return sasl;
  }

  /** Live DataNodes by uuid, with their transfer addresses and racks. */
  public Map<String, DatanodeInfo> liveDataNodes() throws IOException {
    Map<String, DatanodeInfo> live = new LinkedHashMap<>();
    for (DatanodeInfo dn : fs.getDataNodeStats(DatanodeReportType.LIVE)) {
      live.put(dn.getDatanodeUuid(), dn);
    }
    return live;
  }

  /** The complete blocks with a replica on {@code datanode}, with all their locations. */
  public List<ListedBlock> blocksOn(DatanodeInfo datanode) throws IOException {
    BlocksWithLocations listed = namenode.getBlocks(datanode, WHOLE_DATANODE_BYTES, 0, 0, null);
    List<ListedBlock> out = new ArrayList<>(listed.getBlocks().length);
    for (BlockWithLocations b : listed.getBlocks()) {
      out.add(ListedBlock.of(b));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Sets the DataNodes' cap on balancing traffic, which throttles every {@code replaceBlock} copy on both the source
   * and the target (HDFS's {@code dfs.datanode.balance.bandwidthPerSec}; the HDFS Balancer and Mover share it).
   * DataNodes take it with their next heartbeat.
   */
  public void setBalancingBandwidth(long bytesPerSec) throws IOException {
    fs.setBalancerBandwidth(bytesPerSec);
  }

  /**
   * Asks a DataNode for a full block report now ({@code hdfs dfsadmin -triggerBlockReport}), so the NameNode sees
   * every replica it holds, stale ones included, and deletes those whose generation stamp it no longer accepts.
   */
  public void requestFullBlockReport(DatanodeInfo datanode) throws IOException {
    ClientDatanodeProtocol proxy = DFSUtilClient.createClientDatanodeProtocolProxy(datanode, conf,
        HdfsConstants.READ_TIMEOUT, false);
    try {
      proxy.triggerBlockReport(new BlockReportOptions.Factory().setIncremental(false).build());
    } finally {
      RPC.stopProxy(proxy);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      keys.close();
      RPC.stopProxy(namenode);
    } finally {
      fs.close();
    }
  }
}
