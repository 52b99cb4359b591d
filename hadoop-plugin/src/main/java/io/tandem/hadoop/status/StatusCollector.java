package io.tandem.hadoop.status;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.leader.LeaderLookup;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.record.DataNodeRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.migrate.move.MigrationSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;

/** Reads a site's state from its ZooKeeper for {@code tandem status} and the sandbox's live view. */
public final class StatusCollector {
  private final JsonCodec codec = new JsonCodec();

  /** Connects to the site's ensemble, reads, disconnects. An unreachable site yields an unreachable status. */
  public SiteStatus collect(ZkSettings settings, Duration connectTimeout) throws InterruptedException {
    CuratorFramework client = ZkClients.newClient(settings);
    try {
      client.start();
      if (!client.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return SiteStatus.unreachable(settings.siteId(), settings.quorum(), "ZooKeeper " + settings.quorum()
            + " unreachable (no connection within " + connectTimeout.toMillis() + " ms)", null);
      }
      return read(client, settings.siteId(), settings.quorum());
    } finally {
      client.close();
    }
  }

  /** Reads with an existing client (namespace at the Tandem root). */
  public SiteStatus read(CuratorFramework client, String siteId, String quorum) {
    ZnodePaths paths = new ZnodePaths(siteId);
    try {
      List<AgentRecord> agents = values(new RecordStore<>(client, AgentRecord.class, codec).readChildren(paths.agents()));
      List<DataNodeRecord> datanodes =
          values(new RecordStore<>(client, DataNodeRecord.class, codec).readChildren(paths.datanodes()));
      String leader = LeaderLookup.currentLeader(client, paths).orElse(null);
      long epoch = LeaderLookup.currentEpoch(client, paths);
      MigrationSummary migration = MigrationSummary.read(client, paths, codec);
      boolean anyMigration = migration.inFlight + migration.done + migration.failed > 0 || !migration.load.isEmpty()
          || migration.paused;
      return new SiteStatus(siteId, quorum, true, null, leader, epoch, agents, datanodes, null,
          anyMigration ? migration : null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SiteStatus.unreachable(siteId, quorum, "interrupted while reading ZooKeeper", null);
    } catch (Exception e) {
      return SiteStatus.unreachable(siteId, quorum, "cannot read ZooKeeper " + quorum + ": " + e, null);
    }
  }

  /** The same status with plugin health read from the NameNodes' JMX attached. */
  public static SiteStatus withPluginHealth(SiteStatus s, List<Map<String, String>> health) {
    return new SiteStatus(s.site, s.zooKeeper, s.reachable, s.error, s.leader, s.leaderEpoch, s.agents, s.datanodes,
        health, s.migration);
  }

  private static <T> List<T> values(List<Versioned<T>> records) {
    return records.stream().map(Versioned::value).collect(Collectors.toList());
  }
}
