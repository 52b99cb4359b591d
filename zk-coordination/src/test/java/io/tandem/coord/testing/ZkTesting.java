package io.tandem.coord.testing;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;

/**
 * Embedded ZooKeeper for tests with a short tick, so sessions can be as short as a few hundred milliseconds and
 * expiry tests finish quickly.
 */
public final class ZkTesting {
  /** Tick of every test server; ZooKeeper allows sessions of 2 to 20 ticks. */
  public static final int TICK_MS = 100;

  private ZkTesting() {}

  public static TestingServer server() throws Exception {
    return new TestingServer(spec(-1, 1), true);
  }

  public static TestingCluster cluster(int size) {
    List<InstanceSpec> specs = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      specs.add(spec(-1, i));
    }
    return new TestingCluster(specs);
  }

  private static InstanceSpec spec(int port, int serverId) {
    return new InstanceSpec((File) null, port, -1, -1, true, serverId, TICK_MS, -1, (Map<String, Object>) null);
  }

  /** A started client with the given session timeout and quick retries. */
  public static CuratorFramework client(String connect, int sessionTimeoutMs) {
    CuratorFramework c = CuratorFrameworkFactory.builder()
        .connectString(connect)
        .sessionTimeoutMs(sessionTimeoutMs)
        .connectionTimeoutMs(Math.min(sessionTimeoutMs, 5000))
        .retryPolicy(new RetryNTimes(20, 100))
        .build();
    c.start();
    return c;
  }
}
