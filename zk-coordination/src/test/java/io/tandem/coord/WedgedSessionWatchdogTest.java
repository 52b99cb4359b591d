package io.tandem.coord;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.testing.ZkTesting;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

/**
 * Curator 5.2 can be left counting itself disconnected, for good, after a session expiry: the expired handle's
 * event thread makes the new handle (in Curator's reset) and only then records "disconnected", which may land
 * after the new handle connected. That order cannot be forced from outside (the calls that could hold the thread
 * there hold a lock the new handle's thread needs), so the test expires a session and then puts the client in the
 * state the race leaves: its connection flag false while its handle is connected.
 */
class WedgedSessionWatchdogTest {
  /** Records "disconnected" on a connected client, as the expired handle's late write does. */
  private static void wedge(CuratorFramework client) throws Exception {
    Field state = CuratorZookeeperClient.class.getDeclaredField("state");
    state.setAccessible(true);
    Object connectionState = state.get(client.getZookeeperClient());
    Field flag = connectionState.getClass().getDeclaredField("isConnected");
    flag.setAccessible(true);
    ((AtomicBoolean) flag.get(connectionState)).set(false);
    assertTrue(client.getZookeeperClient().getZooKeeper().getState().isConnected());
    assertFalse(client.getZookeeperClient().isConnected());
  }

  @Test
  void aClientWedgedAfterAnExpiryIsResetAndConnectsAgain() throws Exception {
    try (TestingServer server = ZkTesting.server()) {
      Configuration c = new Configuration(false);
      c.set("tandem.site.id", "site-a");
      c.set("tandem.zk.quorum", server.getConnectString());
      c.set("tandem.zk.session.timeout.ms", "2000");
      c.set("tandem.zk.connection.timeout.ms", "1000");
      CuratorFramework client = ZkClients.newClient(TandemConfig.parse(c).zk());
      AtomicReference<ConnectionState> last = new AtomicReference<>();
      client.getConnectionStateListenable().addListener((cl, s) -> last.set(s));
      client.start();
      try {
        assertTrue(client.blockUntilConnected(10, TimeUnit.SECONDS));
        client.create().creatingParentsIfNeeded().forPath("/before");

        KillSession.kill(client.getZookeeperClient().getZooKeeper());
        await().atMost(Duration.ofSeconds(10)).until(() -> last.get() == ConnectionState.RECONNECTED);
        wedge(client);
        // Wedged, the client gives up every background operation (those the leader election runs on).
        CompletableFuture<Integer> wedged = new CompletableFuture<>();
        client.checkExists().inBackground((cl, event) -> wedged.complete(event.getResultCode())).forPath("/before");
        assertEquals(KeeperException.Code.CONNECTIONLOSS.intValue(), (int) wedged.get(60, TimeUnit.SECONDS));

        AtomicLong now = new AtomicLong(1_000_000);
        WedgedSessionWatchdog watchdog = new WedgedSessionWatchdog(client, 2000, now::get);
        assertFalse(watchdog.check(), "reset at first sight");
        now.addAndGet(1999);
        assertFalse(watchdog.check(), "reset before the bound");
        now.addAndGet(1);
        assertTrue(watchdog.check(), "not reset after the bound");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.getZookeeperClient().isConnected());
        CompletableFuture<Integer> healed = new CompletableFuture<>();
        client.checkExists().inBackground((cl, event) -> healed.complete(event.getResultCode())).forPath("/before");
        assertEquals(KeeperException.Code.OK.intValue(), (int) healed.get(60, TimeUnit.SECONDS));
        assertFalse(watchdog.check(), "a connected client is not reset");
      } finally {
        client.close();
      }
    }
  }

  /** The watchdog on a thread of its own, as the NameNode's role watch and placement policy keep it. */
  @Test
  void aWatchedClientComesOutOfTheWedgeOnItsOwn() throws Exception {
    try (TestingServer server = ZkTesting.server()) {
      Configuration c = new Configuration(false);
      c.set("tandem.site.id", "site-a");
      c.set("tandem.zk.quorum", server.getConnectString());
      CuratorFramework client = ZkClients.newClient(TandemConfig.parse(c).zk());
      client.start();
      try (java.io.Closeable watch = WedgedSessionWatchdog.watch(client, 200, "test")) {
        assertTrue(client.blockUntilConnected(10, TimeUnit.SECONDS));
        wedge(client);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.getZookeeperClient().isConnected());
        CompletableFuture<Integer> healed = new CompletableFuture<>();
        client.checkExists().inBackground((cl, event) -> healed.complete(event.getResultCode())).forPath("/");
        assertEquals(KeeperException.Code.OK.intValue(), (int) healed.get(60, TimeUnit.SECONDS));
      } finally {
        client.close();
      }
    }
  }

  @Test
  void aClientCutOffFromZooKeeperIsLeftToCuratorsRetries() throws Exception {
    TestingServer server = ZkTesting.server();
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", server.getConnectString());
    CuratorFramework client = ZkClients.newClient(TandemConfig.parse(c).zk());
    client.start();
    try {
      assertTrue(client.blockUntilConnected(10, TimeUnit.SECONDS));
      server.stop();
      // Until its first reconnect attempt (up to a second), a cut-off handle still reads CONNECTED: the bound,
      // a session timeout, outlasts that.
      await().atMost(Duration.ofSeconds(10)).until(() -> !client.getZookeeperClient().isConnected()
          && !client.getZookeeperClient().getZooKeeper().getState().isConnected());
      AtomicLong now = new AtomicLong();
      WedgedSessionWatchdog watchdog = new WedgedSessionWatchdog(client, 10, now::get);
      for (int i = 0; i < 5; i++) {
        now.addAndGet(1000);
        assertFalse(watchdog.check(), "reset a client whose ZooKeeper is down");
      }
    } finally {
      client.close();
      server.close();
    }
  }
}
