package io.tandem.coord.component;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.store.JsonCodec;
import java.time.Clock;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;

/** What the agent gives the components it hosts. */
public final class AgentContext {
  private final TandemConfig config;
  private final CuratorFramework zk;
  private final ZnodePaths paths;
  private final JsonCodec codec;
  private final Clock clock;
  private final String agentId;
  private final Configuration hadoopConf;

  public AgentContext(TandemConfig config, CuratorFramework zk, ZnodePaths paths, JsonCodec codec, Clock clock,
      String agentId, Configuration hadoopConf) {
    this.config = config;
    this.zk = zk;
    this.paths = paths;
    this.codec = codec;
    this.clock = clock;
    this.agentId = agentId;
    this.hadoopConf = hadoopConf;
  }

  /**
   * A copy of the hosting daemon's Hadoop configuration (to reach HDFS). Its HDFS client is always the plain
   * DistributedFileSystem, even where the site sets {@code fs.hdfs.impl} to Tandem's sync client: the agent's own
   * reads and the changes it applies for a peer must never wait on a sync barrier (they would wait on themselves).
   */
  public Configuration hadoopConf() {
    Configuration copy = new Configuration(hadoopConf);
    copy.set("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem");
    return copy;
  }

  public TandemConfig config() {
    return config;
  }

  public CuratorFramework zk() {
    return zk;
  }

  public ZnodePaths paths() {
    return paths;
  }

  public JsonCodec codec() {
    return codec;
  }

  public Clock clock() {
    return clock;
  }

  public String agentId() {
    return agentId;
  }
}
