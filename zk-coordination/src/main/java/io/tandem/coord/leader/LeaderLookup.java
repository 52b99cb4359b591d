package io.tandem.coord.leader;

import io.tandem.coord.ZnodePaths;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/** Reads who leads a site without joining its election (for status and for the CLI). */
public final class LeaderLookup {
  private LeaderLookup() {}

  /** The participant id of the current leader (the lowest latch node), if any. */
  public static Optional<String> currentLeader(CuratorFramework client, ZnodePaths paths) throws Exception {
    List<String> children;
    try {
      children = client.getChildren().forPath(paths.leader());
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
    children.sort(Comparator.comparing(LeaderLookup::sequence));
    for (String child : children) {
      try {
        byte[] data = client.getData().forPath(ZKPaths.makePath(paths.leader(), child));
        return Optional.of(new String(data, StandardCharsets.UTF_8));
      } catch (KeeperException.NoNodeException e) {
        // That participant just left; the next one leads.
      }
    }
    return Optional.empty();
  }

  /** The sequence suffix that orders latch nodes, e.g. {@code 0000000003} of {@code _c_uuid-latch-0000000003}. */
  private static String sequence(String node) {
    int dash = node.lastIndexOf('-');
    return dash >= 0 ? node.substring(dash + 1) : node;
  }

  /** The current leader epoch of the site, 0 if no leader has ever acted. */
  public static long currentEpoch(CuratorFramework client, ZnodePaths paths) throws Exception {
    try {
      byte[] data = client.getData().forPath(paths.leaderEpoch());
      return new io.tandem.coord.store.JsonCodec().decode(paths.leaderEpoch(), data,
          io.tandem.coord.record.LeaderEpoch.class).epoch;
    } catch (KeeperException.NoNodeException e) {
      return 0;
    }
  }
}
