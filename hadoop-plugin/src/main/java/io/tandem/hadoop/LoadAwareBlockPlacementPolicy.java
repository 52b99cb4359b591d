package io.tandem.hadoop;

import io.tandem.coord.WedgedSessionWatchdog;
import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.migrate.load.HotNodeWatch;
import io.tandem.migrate.plan.PlannerSettings;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.AddBlockFlag;
import org.apache.hadoop.hdfs.protocol.BlockStoragePolicy;
import org.apache.hadoop.hdfs.server.blockmanagement.BlockPlacementPolicyDefault;
import org.apache.hadoop.hdfs.server.blockmanagement.DatanodeDescriptor;
import org.apache.hadoop.hdfs.server.blockmanagement.DatanodeStorageInfo;
import org.apache.hadoop.net.Node;
import org.apache.hadoop.net.NodeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS's default placement ({@code dfs.block.replicator.classname}), except that new blocks avoid the DataNodes that
 * Tandem's load monitors find hot (by the migration planner's own rule: above the mean by
 * {@code tandem.migrate.threshold} for {@code tandem.migrate.sustain.reports} reports). A hot DataNode is only
 * avoided, never required: when the others cannot take all replicas, the default choice stands, so no write fails
 * for load. Without a valid Tandem configuration, or with {@code tandem.migrate.enabled=false}, it is the default
 * policy unchanged.
 */
public class LoadAwareBlockPlacementPolicy extends BlockPlacementPolicyDefault implements Configurable, java.io.Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadAwareBlockPlacementPolicy.class);

  private volatile HotNodeWatch watch;
  private volatile CuratorFramework zk;
  private volatile WedgedSessionWatchdog.Watch watchdog;
  private volatile Configuration conf;
  /** The hot set last resolved to cluster nodes, and those nodes: resolved again only when the set changes. */
  private volatile Set<String> resolvedHot = Set.of();
  private volatile Set<Node> hotNodes = Set.of();

  /**
   * Called by HDFS as it creates the policy (before {@code initialize}, whose argument types are not public):
   * starts watching the load reports.
   */
  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    try {
      TandemConfig config = TandemConfig.parse(conf);
      if (!config.migrate().enabled()) {
        LOG.info("Load-aware placement idle: tandem.migrate.enabled is false, so no DataNode reports its load");
        return;
      }
      CuratorFramework client = ZkClients.newClient(config.zk());
      client.start();
      HotNodeWatch w = new HotNodeWatch(client, new ZnodePaths(config.siteId()),
          PlannerSettings.builder(config.migrate()).build(), config.migrate().reportIntervalMs(),
          System::currentTimeMillis);
      w.start();
      zk = client;
      watch = w;
      watchdog = WedgedSessionWatchdog.watch(client, config.zk().sessionTimeoutMs(), "placement-" + config.siteId());
      LOG.info("Load-aware placement: new blocks avoid hot DataNodes of {}", config.siteId());
    } catch (Exception | LinkageError e) {
      LOG.error("Load-aware placement could not start; HDFS's default placement applies", e);
    }
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  /**
   * Stops watching the load reports. HDFS never calls it (a placement policy lives as long as its NameNode); tools
   * and tests that stop a NameNode inside a longer-lived JVM do.
   */
  @Override
  public void close() {
    HotNodeWatch w = watch;
    if (w != null) {
      w.close();
    }
    WedgedSessionWatchdog.Watch d = watchdog;
    if (d != null) {
      d.close();
    }
    CuratorFramework client = zk;
    if (client != null) {
      client.close();
    }
  }

  /** The DataNodes new blocks avoid now, by uuid. */
  public Set<String> hotNodes() {
    HotNodeWatch w = watch;
    return w == null ? Set.of() : w.hotNodes();
  }

  @Override
  public DatanodeStorageInfo[] chooseTarget(String srcPath, int numOfReplicas, Node writer,
      List<DatanodeStorageInfo> chosen, boolean returnChosenNodes, Set<Node> excludedNodes, long blocksize,
      BlockStoragePolicy storagePolicy, EnumSet<AddBlockFlag> flags) {
    Set<Node> avoiding = withHot(excludedNodes);
    if (avoiding != excludedNodes) {
      DatanodeStorageInfo[] targets = super.chooseTarget(srcPath, numOfReplicas, writer, chosen, returnChosenNodes,
          avoiding, blocksize, storagePolicy, flags);
      if (enough(targets, numOfReplicas, chosen, returnChosenNodes)) {
        return targets;
      }
    }
    return super.chooseTarget(srcPath, numOfReplicas, writer, chosen, returnChosenNodes, excludedNodes, blocksize,
        storagePolicy, flags);
  }

  @Override
  public DatanodeStorageInfo[] chooseTarget(String srcPath, int numOfReplicas, Node writer,
      List<DatanodeStorageInfo> chosen, boolean returnChosenNodes, Set<Node> excludedNodes, long blocksize,
      BlockStoragePolicy storagePolicy, EnumSet<AddBlockFlag> flags, EnumMap<StorageType, Integer> storageTypes) {
    Set<Node> avoiding = withHot(excludedNodes);
    if (avoiding != excludedNodes) {
      DatanodeStorageInfo[] targets = super.chooseTarget(srcPath, numOfReplicas, writer, chosen, returnChosenNodes,
          avoiding, blocksize, storagePolicy, flags, storageTypes);
      if (enough(targets, numOfReplicas, chosen, returnChosenNodes)) {
        return targets;
      }
    }
    return super.chooseTarget(srcPath, numOfReplicas, writer, chosen, returnChosenNodes, excludedNodes, blocksize,
        storagePolicy, flags, storageTypes);
  }

  /** The excluded nodes plus the hot DataNodes, or {@code excluded} itself when none is hot. */
  private Set<Node> withHot(Set<Node> excluded) {
    Set<Node> hot = hotClusterNodes();
    if (hot.isEmpty() || (excluded != null && excluded.containsAll(hot))) {
      return excluded;
    }
    Set<Node> out = excluded == null ? new HashSet<>() : new HashSet<>(excluded);
    out.addAll(hot);
    return out;
  }

  /** The hot DataNodes as the cluster map holds them; looked up again only when the hot set changed. */
  private Set<Node> hotClusterNodes() {
    Set<String> hot = hotNodes();
    if (hot != resolvedHot) {
      Set<Node> nodes = new HashSet<>();
      if (!hot.isEmpty()) {
        for (Node leaf : clusterMap.getLeaves(NodeBase.ROOT)) {
          if (leaf instanceof DatanodeDescriptor && hot.contains(((DatanodeDescriptor) leaf).getDatanodeUuid())) {
            nodes.add(leaf);
          }
        }
      }
      hotNodes = nodes;
      resolvedHot = hot;
    }
    return hotNodes;
  }

  private static boolean enough(DatanodeStorageInfo[] targets, int wanted, List<DatanodeStorageInfo> chosen,
      boolean returnChosenNodes) {
    int got = targets.length - (returnChosenNodes && chosen != null ? chosen.size() : 0);
    return got >= wanted;
  }
}
