package io.tandem.it.harness;

import io.tandem.hadoop.TandemDataNodePlugin;
import io.tandem.hadoop.TandemFileSystem;
import io.tandem.hadoop.TandemNameNodePlugin;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSNNTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tandem site in this JVM, set up in one call: a site ZooKeeper and a MiniDFSCluster whose NameNodes and
 * DataNodes load the Tandem plugins only through the public configuration keys. Fault helpers stop and restart
 * ZooKeeper and NameNodes, and kill DataNodes.
 */
public final class TandemSite implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(TandemSite.class);
  public static final long BLOCK_SIZE = 1024 * 1024;

  private final String siteId;
  private final EmbeddedZooKeeper zk;
  private final MiniDFSCluster dfs;
  private final Configuration conf;

  private TandemSite(String siteId, EmbeddedZooKeeper zk, MiniDFSCluster dfs, Configuration conf) {
    this.siteId = siteId;
    this.zk = zk;
    this.dfs = dfs;
    this.conf = conf;
  }

  public static Builder builder(String siteId, File baseDir) {
    return new Builder(siteId, baseDir);
  }

  public String siteId() {
    return siteId;
  }

  /** The site's configuration as a client sees it: fs.defaultFS and every tandem.* key. */
  public Configuration conf() {
    return new Configuration(dfs.getConfiguration(0));
  }

  /**
   * A client of this site through {@link TandemFileSystem} (as {@code fs.hdfs.impl}, never cached), whose calls on
   * sync volumes wait at most {@code syncTimeoutMs} for the peer.
   */
  public TandemFileSystem syncClient(long syncTimeoutMs) throws IOException {
    Configuration c = conf();
    c.set("fs.hdfs.impl", TandemFileSystem.class.getName());
    c.setBoolean("fs.hdfs.impl.disable.cache", true);
    c.setLong("tandem.sync.timeout.ms", syncTimeoutMs);
    return (TandemFileSystem) org.apache.hadoop.fs.FileSystem.get(c);
  }

  public MiniDFSCluster dfs() {
    return dfs;
  }

  public DistributedFileSystem fileSystem() throws IOException {
    return dfs.getFileSystem(0);
  }

  /** The site's ZooKeeper; null when the site was built without one. */
  public EmbeddedZooKeeper zooKeeper() {
    return zk;
  }

  /** The plugin instance hosted by NameNode {@code nn}, if it loaded. */
  public TandemNameNodePlugin nameNodePlugin(int nn) {
    return Plugins.of(dfs.getNameNode(nn), TandemNameNodePlugin.class);
  }

  /** The plugin instances hosted by the DataNodes that loaded one. */
  public List<TandemDataNodePlugin> dataNodePlugins() {
    List<TandemDataNodePlugin> out = new ArrayList<>();
    dfs.getDataNodes().forEach(dn -> {
      TandemDataNodePlugin p = Plugins.of(dn, TandemDataNodePlugin.class);
      if (p != null) {
        out.add(p);
      }
    });
    return out;
  }

  public void restartNameNode(int nn) throws IOException {
    closePlacementPolicy(nn);
    dfs.restartNameNode(nn, true);
  }

  /** A placement policy that watches ZooKeeper outlives its NameNode in this JVM unless closed here. */
  private void closePlacementPolicy(int nn) {
    try {
      Object policy = dfs.getNamesystem(nn).getBlockManager().getBlockPlacementPolicy();
      if (policy instanceof Closeable) {
        ((Closeable) policy).close();
      }
    } catch (IOException | RuntimeException e) {
      // A NameNode already down has nothing to close.
    }
  }

  /**
   * Expires the ZooKeeper session of the agent in NameNode {@code nn}, as a long pause or a partition from
   * ZooKeeper would: its leadership ends at once, and it joins again with a new session.
   */
  public void expireAgentSession(int nn) throws Exception {
    org.apache.curator.framework.CuratorFramework client = nameNodePlugin(nn).agent().zooKeeper()
        .orElseThrow(() -> new IllegalStateException("the agent of NameNode " + nn + " has no ZooKeeper client yet"));
    org.apache.curator.test.KillSession.kill(client.getZookeeperClient().getZooKeeper());
  }

  public MiniDFSCluster.DataNodeProperties killDataNode(int index) {
    return dfs.stopDataNode(index);
  }

  @Override
  public void close() throws IOException {
    try {
      for (int nn = 0; nn < dfs.getNumNameNodes(); nn++) {
        closePlacementPolicy(nn);
      }
      dfs.shutdown();
    } finally {
      if (zk != null) {
        zk.close();
      }
    }
  }

  /** Builds and starts a {@link TandemSite}. */
  public static final class Builder {
    private final String siteId;
    private final File baseDir;
    private int dataNodes = 3;
    private boolean ha;
    private boolean withZooKeeper = true;
    private EmbeddedZooKeeper zooKeeper;
    private boolean nameNodePlugin = true;
    private boolean dataNodePlugin = true;
    private final List<Consumer<Configuration>> settings = new ArrayList<>();

    Builder(String siteId, File baseDir) {
      this.siteId = Objects.requireNonNull(siteId);
      this.baseDir = Objects.requireNonNull(baseDir);
    }

    public Builder dataNodes(int n) {
      this.dataNodes = n;
      return this;
    }

    /** Two NameNodes (active and standby) sharing edits through a shared directory. */
    public Builder highAvailability(boolean ha) {
      this.ha = ha;
      return this;
    }

    /** Without its own ZooKeeper, e.g. to point tandem.zk.quorum somewhere unreachable. */
    public Builder withZooKeeper(boolean withZooKeeper) {
      this.withZooKeeper = withZooKeeper;
      return this;
    }

    /** Uses (and on close, stops) this ZooKeeper instead of starting one. */
    public Builder zooKeeper(EmbeddedZooKeeper zooKeeper) {
      this.zooKeeper = Objects.requireNonNull(zooKeeper);
      return this;
    }

    public Builder plugins(boolean onNameNode, boolean onDataNodes) {
      this.nameNodePlugin = onNameNode;
      this.dataNodePlugin = onDataNodes;
      return this;
    }

    /** Adds settings applied after the defaults (so they can override them). */
    public Builder configure(Consumer<Configuration> c) {
      settings.add(Objects.requireNonNull(c));
      return this;
    }

    public TandemSite start() throws Exception {
      EmbeddedZooKeeper zk = zooKeeper != null ? zooKeeper : withZooKeeper ? new EmbeddedZooKeeper(null) : null;
      try {
        Configuration conf = new HdfsConfiguration();
        conf.setLong(DFSConfigKeys.DFS_BLOCK_SIZE_KEY, BLOCK_SIZE);
        conf.setInt(DFSConfigKeys.DFS_BYTES_PER_CHECKSUM_KEY, 512);
        conf.setInt(DFSConfigKeys.DFS_HEARTBEAT_INTERVAL_KEY, 1);
        conf.setInt(DFSConfigKeys.DFS_NAMENODE_HEARTBEAT_RECHECK_INTERVAL_KEY, 500);
        conf.setBoolean(DFSConfigKeys.DFS_NAMENODE_ACLS_ENABLED_KEY, true);
        // A closing client retries completeFile after this delay while the block report is in flight; HDFS's 400 ms
        // default makes every small-file close on a mini cluster take ~300 ms, for writers and mirrors alike.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        conf.setBoolean(DFSConfigKeys.DFS_NAMENODE_XATTRS_ENABLED_KEY, true);
        if (nameNodePlugin) {
          conf.set(DFSConfigKeys.DFS_NAMENODE_PLUGINS_KEY, TandemNameNodePlugin.class.getName());
        }
        if (dataNodePlugin) {
          conf.set(DFSConfigKeys.DFS_DATANODE_PLUGINS_KEY, TandemDataNodePlugin.class.getName());
        }
        conf.set("tandem.site.id", siteId);
        if (zk != null) {
          conf.set("tandem.zk.quorum", zk.connectString());
        }
        conf.setInt("tandem.zk.session.timeout.ms", 4000);
        conf.setInt("tandem.zk.connection.timeout.ms", 2000);
        for (Consumer<Configuration> c : settings) {
          c.accept(conf);
        }
        MiniDFSCluster.Builder b = new MiniDFSCluster.Builder(conf, new File(baseDir, siteId))
            .numDataNodes(dataNodes)
            .storagesPerDatanode(1);
        if (ha) {
          b.nnTopology(MiniDFSNNTopology.simpleHATopology());
        }
        MiniDFSCluster dfs = b.build();
        if (ha) {
          dfs.transitionToActive(0);
        }
        dfs.waitActive();
        LOG.info("Site {} up: ZooKeeper {}, {} DataNodes", siteId, zk == null ? "none" : zk.connectString(), dataNodes);
        return new TandemSite(siteId, zk, dfs, conf);
      } catch (Exception | Error e) {
        if (zk != null) {
          zk.close();
        }
        throw e;
      }
    }
  }
}
