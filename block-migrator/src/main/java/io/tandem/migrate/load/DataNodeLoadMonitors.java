package io.tandem.migrate.load;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.MigrateSettings;
import io.tandem.migrate.load.trace.ClientTraceTap;
import io.tandem.migrate.load.trace.TraceSubscription;
import java.time.Clock;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.hdfs.server.datanode.DataNode;

/** Builds the load monitor of a live DataNode: its probe, its hot-block counter fed from the client-trace log. */
public final class DataNodeLoadMonitors {
  private DataNodeLoadMonitors() {
  }

  /**
   * A monitor, not yet started, for the DataNode {@code datanodeUuid}. Subscribes to the client-trace log at once
   * (unless {@code tandem.load.hot.blocks} is 0); the monitor closes the subscription.
   */
  public static LoadMonitor create(DataNode datanode, String datanodeUuid, CuratorFramework zk, ZnodePaths paths,
      MigrateSettings settings) {
    HotBlockCounter counter = HotBlockCounter.forRanking(settings.hotBlocks());
    TraceSubscription feed = settings.hotBlocks() == 0
        ? TraceSubscription.none()
        : ClientTraceTap.subscribe(datanodeUuid, read -> counter.record(read.blockId()));
    try {
      LoadSampler sampler = new LoadSampler(new DataNodeLoadProbe(datanode), counter, settings.hotBlocks(),
          settings.reportIntervalMs(), System::nanoTime);
      return new LoadMonitor(zk, paths, datanodeUuid, settings, sampler, feed, Clock.systemUTC());
    } catch (RuntimeException | Error e) {
      feed.close();
      throw e;
    }
  }
}
