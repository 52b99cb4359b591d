package io.tandem.coord.member;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.DataNodeRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.testing.ZkTesting;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

class EphemeralMemberTest {
  private static DataNodeRecord record(String state) {
    return new DataNodeRecord(DataNodeRecord.FORMAT, "uuid-1", "site-a", "host", "host:9866", 9867, 9864, 0, state, null);
  }

  @Test
  void recordLivesWithTheSessionAndReturnsAfterExpiry() throws Exception {
    try (TestingServer server = ZkTesting.server()) {
      CuratorFramework member = ZkTesting.client(server.getConnectString(), 1500);
      CuratorFramework observer = ZkTesting.client(server.getConnectString(), 5000);
      JsonCodec codec = new JsonCodec();
      RecordStore<DataNodeRecord> store = new RecordStore<>(observer, DataNodeRecord.class, codec);
      EphemeralMember<DataNodeRecord> m = new EphemeralMember<>(member, "/site-a/datanodes/uuid-1", record("STARTING"), codec);
      m.update(record("RUNNING"));
      m.start();
      assertTrue(m.awaitCreated(10, TimeUnit.SECONDS));
      await().atMost(Duration.ofSeconds(5)).until(() -> store.read(m.path()).map(v -> v.value().state).orElse("").equals("RUNNING"));
      long firstSession = member.getZookeeperClient().getZooKeeper().getSessionId();

      KillSession.kill(member.getZookeeperClient().getZooKeeper());
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        Stat stat = observer.checkExists().forPath(m.path());
        return stat != null && stat.getEphemeralOwner() != firstSession
            && stat.getEphemeralOwner() == member.getZookeeperClient().getZooKeeper().getSessionId();
      });
      m.update(record("BUSY"));
      await().atMost(Duration.ofSeconds(5)).until(() -> store.read(m.path()).map(v -> v.value().state).orElse("").equals("BUSY"));

      m.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> observer.checkExists().forPath(m.path()) == null);
      assertEquals(EphemeralMember.State.CLOSED, EphemeralMember.State.valueOf("CLOSED"));
      member.close();
      observer.close();
    }
  }
}
