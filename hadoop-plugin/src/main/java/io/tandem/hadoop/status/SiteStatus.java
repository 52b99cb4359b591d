package io.tandem.hadoop.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.migrate.move.MigrationSummary;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.record.DataNodeRecord;
import java.util.List;
import java.util.Map;

/** Everything {@code tandem status} shows of one site. Immutable; serialized as is for {@code --json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SiteStatus {
  @JsonProperty("site") public final String site;
  @JsonProperty("zooKeeper") public final String zooKeeper;
  @JsonProperty("reachable") public final boolean reachable;
  @JsonProperty("error") public final String error;
  @JsonProperty("leader") public final String leader;
  @JsonProperty("leaderEpoch") public final long leaderEpoch;
  @JsonProperty("agents") public final List<AgentRecord> agents;
  @JsonProperty("datanodes") public final List<DataNodeRecord> datanodes;
  /** Agent health read from the NameNodes' JMX, when ZooKeeper could not be read. */
  @JsonProperty("pluginHealth") public final List<Map<String, String>> pluginHealth;
  /** Block migration: moves, restarts, each DataNode's load; null when the site has none of it. */
  @JsonProperty("migration") public final MigrationSummary migration;

  SiteStatus(String site, String zooKeeper, boolean reachable, String error, String leader, long leaderEpoch,
      List<AgentRecord> agents, List<DataNodeRecord> datanodes, List<Map<String, String>> pluginHealth) {
    this(site, zooKeeper, reachable, error, leader, leaderEpoch, agents, datanodes, pluginHealth, null);
  }

  SiteStatus(String site, String zooKeeper, boolean reachable, String error, String leader, long leaderEpoch,
      List<AgentRecord> agents, List<DataNodeRecord> datanodes, List<Map<String, String>> pluginHealth,
      MigrationSummary migration) {
    this.migration = migration;
    this.site = site;
    this.zooKeeper = zooKeeper;
    this.reachable = reachable;
    this.error = error;
    this.leader = leader;
    this.leaderEpoch = leaderEpoch;
    this.agents = List.copyOf(agents);
    this.datanodes = List.copyOf(datanodes);
    this.pluginHealth = pluginHealth == null ? null : List.copyOf(pluginHealth);
  }

  static SiteStatus unreachable(String site, String zooKeeper, String error, List<Map<String, String>> pluginHealth) {
    return new SiteStatus(site, zooKeeper, false, error, null, 0, List.of(), List.of(), pluginHealth);
  }

  /** Healthy: readable, a leader, and no agent or monitor FAILED. */
  public boolean healthy() {
    if (!reachable || leader == null) {
      return false;
    }
    for (AgentRecord a : agents) {
      if ("FAILED".equals(a.state)) {
        return false;
      }
    }
    for (DataNodeRecord d : datanodes) {
      if ("FAILED".equals(d.state)) {
        return false;
      }
    }
    return true;
  }
}
