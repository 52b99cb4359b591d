package io.tandem.hadoop;

import io.tandem.coord.record.AgentRecord;
import io.tandem.hadoop.agent.AgentHealth;
import io.tandem.hadoop.agent.SiteAgent;
import io.tandem.hadoop.metrics.HealthMetricsSource;
import io.tandem.hadoop.metrics.MigrationMetrics;
import io.tandem.hadoop.metrics.MirrorMetrics;
import io.tandem.migrate.MigrationComponent;
import io.tandem.mirror.MirrorComponent;
import io.tandem.mirror.snapshot.SnapshotComponent;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.util.ServicePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Tandem site agent inside the NameNode ({@code dfs.namenode.plugins}). On a standby NameNode the agent
 * registers but stays out of the election; it joins when its NameNode becomes active. Nothing the agent does can
 * stop or crash the NameNode: start and stop contain every failure, and the agent works on its own threads.
 */
public final class TandemNameNodePlugin implements ServicePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(TandemNameNodePlugin.class);

  private volatile SiteAgent agent;
  private volatile MirrorComponent mirror;
  private volatile MigrationComponent migration;
  private volatile String metricsName;
  private volatile String mirrorMetricsName;
  private volatile String migrationMetricsName;

  @Override
  public void start(Object service) {
    try {
      NameNode nn = (NameNode) service;
      InetSocketAddress rpc = nn.getNameNodeAddress();
      String agentId = rpc.getHostString() + ":" + rpc.getPort();
      MirrorComponent mirror = new MirrorComponent();
      this.mirror = mirror;
      MigrationComponent migrate = new MigrationComponent();
      SiteAgent a = SiteAgent.builder(nn.getConf())
          .kind(AgentRecord.Kind.NAMENODE_PLUGIN)
          .defaultAgentId(agentId)
          .host(rpc.getHostString())
          .eligibleToLead(nn::isActiveState)
          .component(mirror)
          .component(new SnapshotComponent())
          .component(migrate)
          .build();
      agent = a;
      migration = migrate;
      a.start();
      metricsName = new HealthMetricsSource("TandemAgent", () -> tags(a.health()), () -> gauges(a.health()))
          .register("TandemAgent-" + rpc.getPort(), "Tandem site agent in this NameNode");
      mirrorMetricsName = new HealthMetricsSource("TandemMirror", () -> MirrorMetrics.tags(mirror),
          () -> MirrorMetrics.gauges(mirror, System.currentTimeMillis()))
          .register("TandemMirror-" + rpc.getPort(), "Tandem mirroring: per volume lag, backlog, throughput");
      migrationMetricsName = new HealthMetricsSource("TandemMigration", () -> Map.of("Status", migrate.statusLine()),
          () -> MigrationMetrics.gauges(migrate))
          .register("TandemMigration-" + rpc.getPort(), "Tandem block migration: moves, bytes moved, restarts");
      LOG.info("Tandem NameNode plugin started (agent {})", agentId);
    } catch (Exception | LinkageError e) {
      LOG.error("Tandem NameNode plugin failed to start; the NameNode continues without Tandem", e);
    }
  }

  /** The mirroring and shipping component of the hosted agent, or null if the plugin did not start. For tests. */
  public MirrorComponent mirrorComponent() {
    return mirror;
  }

  /** The hosted agent's health, or null if the plugin did not start. For tests and diagnostics. */
  public AgentHealth health() {
    SiteAgent a = agent;
    return a == null ? null : a.health();
  }

  /** The hosted agent, or null if the plugin did not start. For fault tests and diagnostics. */
  public SiteAgent agent() {
    return agent;
  }

  /** The hosted migration component, or null if the plugin did not start. For tests and diagnostics. */
  public MigrationComponent migration() {
    return migration;
  }

  static Map<String, String> tags(AgentHealth h) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Site", h.siteId());
    tags.put("AgentId", h.agentId());
    tags.put("State", h.state().name());
    tags.put("LastError", h.lastError());
    return tags;
  }

  static Map<String, Long> gauges(AgentHealth h) {
    Map<String, Long> gauges = new LinkedHashMap<>();
    gauges.put("Leader", h.leader() ? 1L : 0L);
    gauges.put("LeaderEpoch", h.leaderEpoch());
    gauges.put("ZooKeeperConnected", h.zkConnected() ? 1L : 0L);
    return gauges;
  }

  @Override
  public void stop() {
    try {
      HealthMetricsSource.unregister(metricsName);
      HealthMetricsSource.unregister(mirrorMetricsName);
      HealthMetricsSource.unregister(migrationMetricsName);
      migrationMetricsName = null;
      metricsName = null;
      mirrorMetricsName = null;
      SiteAgent a = agent;
      agent = null;
      if (a != null) {
        a.close();
      }
    } catch (Exception | LinkageError e) {
      LOG.error("Tandem NameNode plugin did not stop cleanly", e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
