package io.tandem.bench;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.MigrationComponent;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.util.ToolRunner;

/**
 * One site of the migration bench, started fresh for each scenario so every scenario starts from the same placement:
 * a ZooKeeper and a MiniDFSCluster with the Tandem plugins, every DataNode's load monitor on
 * ({@code tandem.migrate.enabled}) and migration switched by {@code tandem migrate pause|resume}, as an operator
 * would. Its data directory is removed on close.
 */
final class MigrateSite implements Closeable {
  static final String SITE = "site-a";
  /** Replicas of every file the bench writes. */
  static final short REPLICATION = 2;
  private static final long READY_TIMEOUT_MS = 60_000;

  private final TandemSite site;
  private final File dir;
  private final TandemConfig config;
  private CuratorFramework zk;

  private MigrateSite(TandemSite site, File dir) {
    this.site = site;
    this.dir = dir;
    this.config = TandemConfig.parse(site.conf());
  }

  static MigrateSite start(MigrateBenchOptions o, File dir, Consumer<Configuration> extra) throws Exception {
    TandemSite site = TandemSite.builder(SITE, dir)
        .dataNodes(o.dataNodes)
        .configure(c -> {
          c.setBoolean("tandem.migrate.enabled", true);
          c.setLong("tandem.load.report.interval.ms", o.reportIntervalMs);
          c.setDouble("tandem.migrate.threshold", o.threshold);
          c.setInt(DFSConfigKeys.DFS_REPLICATION_KEY, REPLICATION);
          // The NameNode has a moved block's old replica deleted on the DataNode's next heartbeat (Tandem and the
          // Balancer alike), rather than a share of the blocks per iteration.
          c.setFloat("dfs.namenode.invalidate.work.pct.per.iteration", 1.0f);
          if (o.dnReadMbps > 0) {
            c.setLong(DFSConfigKeys.DFS_DATANODE_DATA_READ_BANDWIDTHPERSEC_KEY, o.dnReadMbps * 1_000_000L / 8);
          }
          extra.accept(c);
        })
        .start();
    return new MigrateSite(site, dir);
  }

  TandemSite tandem() {
    return site;
  }

  Configuration conf() {
    return site.conf();
  }

  /** The site's Tandem settings as its daemons parsed them. */
  TandemConfig config() {
    return config;
  }

  ZnodePaths paths() {
    return new ZnodePaths(config.zk().siteId());
  }

  /** A ZooKeeper client of the bench's own on the site's ensemble, connected on first use, closed with the site. */
  synchronized CuratorFramework zooKeeper() throws InterruptedException {
    if (zk == null) {
      CuratorFramework c = ZkClients.newClient(config.zk());
      c.start();
      if (!c.blockUntilConnected(config.zk().connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
        c.close();
        throw new IllegalStateException("the site's ZooKeeper " + config.zk().quorum() + " is unreachable");
      }
      zk = c;
    }
    return zk;
  }

  /** The DataNodes' uuids, in the cluster's order. */
  List<String> dataNodeUuids() {
    List<String> out = new ArrayList<>();
    site.dfs().getDataNodes().forEach(dn -> out.add(dn.getDatanodeUuid()));
    return out;
  }

  DistributedFileSystem fs() throws IOException {
    return site.fileSystem();
  }

  DataNode dataNode(int i) {
    return site.dfs().getDataNodes().get(i);
  }

  /** The migration component of the NameNode's agent, the one that leads the site. */
  MigrationComponent migration() {
    return site.nameNodePlugin(0).migration();
  }

  /**
   * Waits until the NameNode's agent leads the site and runs migration rounds and every DataNode's load monitor sees
   * every DataNode's report; returns the leader's migration component.
   */
  MigrationComponent awaitReady() throws InterruptedException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    int dataNodes = site.dfs().getDataNodes().size();
    while (true) {
      MigrationComponent m = migration();
      boolean monitors = site.dataNodePlugins().size() == dataNodes && site.dataNodePlugins().stream()
          .allMatch(p -> p.monitor() != null && p.monitor().loadMonitor() != null
              && p.monitor().loadMonitor().table().size() == dataNodes);
      if (m != null && m.isActive() && monitors) {
        return m;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the site did not get ready in " + READY_TIMEOUT_MS / 1000 + " s: migration "
            + (m == null ? "component missing" : m.statusLine()) + ", load monitors " + (monitors ? "ready" : "not"
            + " all reporting"));
      }
      Thread.sleep(100);
    }
  }

  /** {@code tandem migrate pause} or {@code resume}: moves under way finish; no new ones start while paused. */
  void setMigrationPaused(boolean paused) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int exit;
    try (PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      exit = ToolRunner.run(new Configuration(site.conf()), new TandemCli(p, p),
          new String[] {"migrate", paused ? "pause" : "resume"});
    }
    if (exit != 0) {
      throw new IllegalStateException("tandem migrate " + (paused ? "pause" : "resume") + " failed: " + text);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      synchronized (this) {
        if (zk != null) {
          zk.close();
        }
      }
      site.close();
    } finally {
      FileUtil.fullyDelete(dir);
    }
  }
}
