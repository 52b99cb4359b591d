package io.tandem.coord.leader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.store.FencedException;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.testing.ZkTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One leader at a time, on real ZooKeeper, through session expiry, server restarts and a killed leader. A monitor
 * samples every participant continuously; a write log proves that ZooKeeper rejects writes of stale leaders.
 */
class SiteLeadershipTest {
  private static final int SESSION_MS = 2000;

  private final List<Participant> participants = new ArrayList<>();
  private final AtomicBoolean monitoring = new AtomicBoolean();
  private final AtomicInteger maxSimultaneousLeaders = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong overlappingLocalViewsMs = new java.util.concurrent.atomic.AtomicLong();
  private final AtomicReference<String> epochRegression = new AtomicReference<>();
  private Thread monitor;
  private AutoCloseable zk;

  @AfterEach
  void tearDown() throws Exception {
    monitoring.set(false);
    if (monitor != null) {
      monitor.join(5000);
    }
    for (Participant p : participants) {
      p.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  private ZnodePaths paths() {
    return new ZnodePaths("site-t");
  }

  private void startParticipants(String connect, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      participants.add(new Participant("agent-" + i, ZkTesting.client(connect, SESSION_MS), paths()));
    }
    CuratorFramework observer = ZkTesting.client(connect, SESSION_MS);
    RecordStore<WriteLog> log = new RecordStore<>(observer, WriteLog.class, new JsonCodec());
    monitoring.set(true);
    monitor = new Thread(() -> {
      long lastEpoch = 0;
      try {
        while (monitoring.get()) {
          // A participant leads when ZooKeeper would accept its token: its latch node exists and the epoch znode is
          // at the version it wrote. Local views may overlap for as long as an expiry takes to be noticed; the
          // fence is what makes that harmless, so that is what must never overlap.
          int leaders = 0;
          int localViews = 0;
          for (Participant p : participants) {
            Optional<FencingToken> t = p.leadership.token();
            if (t.isEmpty()) {
              continue;
            }
            localViews++;
            try {
              org.apache.zookeeper.data.Stat latch = observer.checkExists().forPath(t.get().latchPath());
              org.apache.zookeeper.data.Stat epoch = observer.checkExists().forPath(paths().leaderEpoch());
              if (latch != null && epoch != null && epoch.getVersion() == t.get().epochZnodeVersion()) {
                leaders++;
              }
            } catch (Exception ignored) {
              // ZooKeeper may be restarting: nothing can be accepted then either.
            }
          }
          maxSimultaneousLeaders.accumulateAndGet(leaders, Math::max);
          if (localViews > 1) {
            overlappingLocalViewsMs.addAndGet(5);
          }
          try {
            Optional<Long> e = log.read(paths().site() + "/test-write-log").map(v -> v.value().epoch);
            if (e.isPresent()) {
              if (e.get() < lastEpoch) {
                epochRegression.set("write log went from epoch " + lastEpoch + " back to " + e.get());
              }
              lastEpoch = Math.max(lastEpoch, e.get());
            }
          } catch (Exception ignored) {
            // ZooKeeper may be restarting; keep sampling leaders.
          }
          Thread.sleep(5); // sampling period of the monitor, not a wait for a condition
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        observer.close();
      }
    }, "leader-monitor");
    monitor.setDaemon(true);
    monitor.start();
  }

  private Participant awaitLeader(Duration within) {
    AtomicReference<Participant> leader = new AtomicReference<>();
    await().atMost(within).pollInterval(Duration.ofMillis(10)).until(() -> {
      for (Participant p : participants) {
        if (p.isLeader()) {
          leader.set(p);
          return true;
        }
      }
      return false;
    });
    return leader.get();
  }

  private void assertInvariants() {
    assertTrue(maxSimultaneousLeaders.get() <= 1, "two participants held tokens ZooKeeper would accept at once");
    assertEquals(null, epochRegression.get());
    assertTrue(overlappingLocalViewsMs.get() < 2000, "a deposed leader took " + overlappingLocalViewsMs.get()
        + " ms to notice its loss");
  }

  @Test
  void sessionExpiryHandsLeadershipOverAndFencesTheOldLeader() throws Exception {
    TestingServer server = ZkTesting.server();
    zk = server;
    startParticipants(server.getConnectString(), 3);
    Participant first = awaitLeader(Duration.ofSeconds(10));
    FencingToken firstToken = first.leadership.token().orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> first.acceptedWrites.get() > 0);

    long expiredAt = System.nanoTime();
    KillSession.kill(first.client.getZookeeperClient().getZooKeeper());
    await().atMost(Duration.ofSeconds(2)).until(() -> !first.isLeader());
    Participant second = awaitLeader(Duration.ofMillis(SESSION_MS + 3000));
    long tookMs = (System.nanoTime() - expiredAt) / 1_000_000;
    FencingToken secondToken = second.leadership.token().orElseThrow();

    assertTrue(secondToken.epoch() > firstToken.epoch(), "epoch must rise: " + firstToken + " then " + secondToken);
    assertTrue(tookMs <= SESSION_MS + 3000, "takeover took " + tookMs + " ms");
    assertFalse(firstToken.isCurrent());
    await().atMost(Duration.ofSeconds(5)).until(() -> second.acceptedWrites.get() > 0);
    assertInvariants();
  }

  @Test
  void zooKeeperRejectsAStaleTokenEvenWhenItsHolderHasNotNoticed() throws Exception {
    TestingServer server = ZkTesting.server();
    zk = server;
    startParticipants(server.getConnectString(), 2);
    Participant first = awaitLeader(Duration.ofSeconds(10));
    FencingToken stale = first.leadership.token().orElseThrow();
    first.leadership.close();
    Participant second = awaitLeader(Duration.ofSeconds(10));
    assertTrue(second != first);

    // Bypass the local check, as a leader that has not yet heard of its loss would: ZooKeeper must refuse.
    FencingToken unaware = stale.unaware();
    RecordStore<WriteLog> log = new RecordStore<>(second.client, WriteLog.class, new JsonCodec());
    assertThrows(FencedException.class, () -> log.update(paths().site() + "/test-write-log",
        cur -> new WriteLog(WriteLog.FORMAT, stale.epoch(), "stale", 0), unaware));
    assertThrows(FencedException.class, () -> log.update(paths().site() + "/x",
        cur -> new WriteLog(WriteLog.FORMAT, stale.epoch(), "stale", 0), stale));
    assertInvariants();
  }

  @Test
  void serverRestartSuspendsTheLeaderAndALeaderReturnsAtAHigherEpoch() throws Exception {
    TestingServer server = ZkTesting.server();
    zk = server;
    startParticipants(server.getConnectString(), 3);
    Participant first = awaitLeader(Duration.ofSeconds(10));
    long firstEpoch = first.leadership.token().orElseThrow().epoch();

    server.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> participants.stream().noneMatch(Participant::isLeader));
    server.restart();
    Participant next = awaitLeader(Duration.ofSeconds(SESSION_MS / 1000 + 15));
    assertTrue(next.leadership.token().orElseThrow().epoch() > firstEpoch);
    assertInvariants();
  }

  @Test
  void killedLeaderIsReplacedWithinTheSessionTimeout() throws Exception {
    TestingServer server = ZkTesting.server();
    zk = server;
    startParticipants(server.getConnectString(), 3);
    Participant first = awaitLeader(Duration.ofSeconds(10));
    long epoch = first.leadership.token().orElseThrow().epoch();

    // A killed process never closes its session: cut its connection and stop it; the server expires the session.
    long killedAt = System.nanoTime();
    first.client.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
    first.close();
    participants.remove(first);
    Participant next = awaitLeader(Duration.ofMillis(SESSION_MS + 3000));
    long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertTrue(next.leadership.token().orElseThrow().epoch() > epoch);
    assertTrue(tookMs <= SESSION_MS + 3000, "takeover took " + tookMs + " ms");
    assertInvariants();
  }

  @Test
  void ensembleMemberLossKeepsOneLeader() throws Exception {
    TestingCluster cluster = ZkTesting.cluster(3);
    cluster.start();
    zk = cluster;
    startParticipants(cluster.getConnectString(), 3);
    Participant first = awaitLeader(Duration.ofSeconds(15));
    InstanceSpec connectedTo = cluster.findConnectionInstance(first.client.getZookeeperClient().getZooKeeper());
    cluster.killServer(connectedTo);
    awaitLeader(Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(20)).until(
        () -> participants.stream().filter(Participant::isLeader).mapToLong(p -> p.acceptedWrites.get()).sum() > 0);
    assertInvariants();
  }
}
