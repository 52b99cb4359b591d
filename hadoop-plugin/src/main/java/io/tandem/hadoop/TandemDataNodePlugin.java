package io.tandem.hadoop;

import io.tandem.hadoop.datanode.DataNodeMonitor;
import io.tandem.hadoop.metrics.HealthMetricsSource;
import io.tandem.migrate.load.DataNodeLoadMonitors;
import io.tandem.migrate.load.LoadMonitor;
import io.tandem.migrate.load.LoadTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.util.ServicePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the DataNode with its site ({@code dfs.datanode.plugins}) and hosts its Tandem monitors: its presence
 * and, with migration on, its load monitor. The DataNode's UUID is read lazily: it is null until the first handshake
 * with the NameNode. Failures are logged and shown in status and metrics; they never stop the DataNode.
 */
public final class TandemDataNodePlugin implements ServicePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(TandemDataNodePlugin.class);
  private static final long UUID_POLL_MS = 500;

  private volatile DataNodeMonitor monitor;
  private volatile String metricsName;

  @Override
  public void start(Object service) {
    try {
      DataNode dn = (DataNode) service;
      DataNodeMonitor m = new DataNodeMonitor(dn.getConf(), new Identity(dn),
          (uuid, zk, paths, settings) -> DataNodeLoadMonitors.create(dn, uuid, zk, paths, settings), Clock.systemUTC(),
          UUID_POLL_MS);
      monitor = m;
      m.start();
      metricsName = new HealthMetricsSource("TandemDataNodeMonitor", () -> tags(m), () -> gauges(m))
          .register("TandemDataNodeMonitor-" + dn.getXferPort(), "Tandem monitor in this DataNode");
    } catch (Exception | LinkageError e) {
      LOG.error("Tandem DataNode plugin failed to start; the DataNode continues without Tandem", e);
    }
  }

  private static Map<String, String> tags(DataNodeMonitor m) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("State", m.state().name());
    tags.put("DatanodeUuid", m.uuid());
    tags.put("LastError", m.lastError());
    return tags;
  }

  /** The load score (site mean 1) and share (0 to 1) of the latest report; 0 while no load monitor runs. */
  private static Map<String, Number> gauges(DataNodeMonitor m) {
    LoadMonitor load = m.loadMonitor();
    LoadTable table = load == null ? null : load.table();
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("LoadScore", table == null ? 0.0 : table.ownScore());
    gauges.put("LoadShare", table == null ? 0.0 : table.ownShare());
    return gauges;
  }

  /** The hosted monitor, or null if the plugin did not start. */
  public DataNodeMonitor monitor() {
    return monitor;
  }

  @Override
  public void stop() {
    try {
      HealthMetricsSource.unregister(metricsName);
      metricsName = null;
      DataNodeMonitor m = monitor;
      monitor = null;
      if (m != null) {
        m.close();
      }
    } catch (Exception | LinkageError e) {
      LOG.error("Tandem DataNode plugin did not stop cleanly", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Reads the DataNode's identity on demand. */
  private static final class Identity implements DataNodeMonitor.DataNodeIdentity {
    private final DataNode dn;

    Identity(DataNode dn) {
      this.dn = dn;
    }

    @Override
    public String uuid() {
      return dn.getDatanodeUuid();
    }

    @Override
    public String host() {
      return dn.getXferAddress().getHostString();
    }

    @Override
    public String xferAddress() {
      return dn.getXferAddress().getHostString() + ":" + dn.getXferPort();
    }

    @Override
    public int ipcPort() {
      return dn.getIpcPort();
    }

    @Override
    public int infoPort() {
      return dn.getInfoPort();
    }
  }
}
