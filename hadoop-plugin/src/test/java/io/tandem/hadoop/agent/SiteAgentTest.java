package io.tandem.hadoop.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.testing.ZkTesting;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SiteAgentTest {
  private static TestingServer zk;

  @BeforeAll
  static void startZk() throws Exception {
    zk = ZkTesting.server();
  }

  @AfterAll
  static void stopZk() throws Exception {
    zk.close();
  }

  private static Configuration conf(String site, String agentId) {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", site);
    c.set("tandem.zk.quorum", zk.getConnectString());
    c.set("tandem.zk.session.timeout.ms", "2000");
    c.set("tandem.zk.connection.timeout.ms", "1000");
    c.set("tandem.agent.id", agentId);
    return c;
  }

  @Test
  void componentsFollowTheLeadAndAFailingComponentIsContained() {
    RecordingComponent ok = new RecordingComponent("ok", false);
    RecordingComponent bad = new RecordingComponent("bad", true);
    SiteAgent agent = SiteAgent.builder(conf("site-c", "a1")).component(ok).component(bad).tickMs(100).build();
    agent.start();
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> agent.health().state() == AgentState.LEADER);
      AgentHealth h = agent.health();
      assertEquals("start a1", ok.events.get(0));
      await().atMost(Duration.ofSeconds(5)).until(() -> ok.token != null);
      assertEquals(h.leaderEpoch(), ok.token.epoch());
      assertEquals("acting at epoch " + h.leaderEpoch(), agent.health().components().get("ok"));
      assertEquals("FAILED: java.lang.IllegalStateException: boom", h.components().get("bad"));
    } finally {
      agent.close();
    }
    assertTrue(ok.events.contains("lost"), ok.events.toString());
    assertEquals("close", ok.events.get(ok.events.size() - 1));
    assertEquals(AgentState.CLOSED, agent.health().state());
  }

  @Test
  void anIneligibleHostLeavesTheElectionAndTheOtherAgentLeads() {
    AtomicBoolean firstMayLead = new AtomicBoolean(true);
    RecordingComponent c1 = new RecordingComponent("c", false);
    SiteAgent first = SiteAgent.builder(conf("site-d", "nn1")).eligibleToLead(firstMayLead::get).component(c1).tickMs(100).build();
    SiteAgent second = SiteAgent.builder(conf("site-d", "nn2")).tickMs(100).build();
    first.start();
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> first.health().state() == AgentState.LEADER);
      second.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> second.health().state() == AgentState.FOLLOWER);
      long epoch = first.health().leaderEpoch();

      firstMayLead.set(false);
      await().atMost(Duration.ofSeconds(15)).until(() -> first.health().state() == AgentState.STANDBY
          && second.health().state() == AgentState.LEADER);
      assertTrue(second.health().leaderEpoch() > epoch);
      assertTrue(c1.events.contains("lost"), c1.events.toString());

      firstMayLead.set(true);
      await().atMost(Duration.ofSeconds(15)).until(() -> first.health().state() == AgentState.FOLLOWER);
    } finally {
      second.close();
      first.close();
    }
  }

  @Test
  void aBadConfigurationIsPublishedWhereStatusSeesIt() throws Exception {
    Configuration c = conf("site-e", "broken");
    c.set("tandem.migrate.threshold", "hot");
    SiteAgent agent = SiteAgent.builder(c).tickMs(100).build();
    agent.start();
    CuratorFramework reader = ZkClients.newClient(ZkSettings.parse(c));
    reader.start();
    try {
      reader.blockUntilConnected(10, TimeUnit.SECONDS);
      RecordStore<AgentRecord> store = new RecordStore<>(reader, AgentRecord.class, new JsonCodec());
      String path = new ZnodePaths("site-e").agent("broken");
      await().atMost(Duration.ofSeconds(15)).until(() -> store.read(path).map(r -> r.value().state).orElse("").equals("FAILED"));
      AgentRecord r = store.read(path).orElseThrow().value();
      assertTrue(r.lastError.contains("tandem.migrate.threshold=\"hot\" is not valid"), r.lastError);
      assertEquals(AgentState.FAILED, agent.health().state());
    } finally {
      reader.close();
      agent.close();
    }
  }
}
