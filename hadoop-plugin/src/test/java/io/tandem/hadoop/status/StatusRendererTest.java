package io.tandem.hadoop.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.record.DataNodeRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRendererTest {
  private static final long NOW = 10_000_000;

  private static SiteStatus site(String state, String error) {
    AgentRecord a = new AgentRecord(AgentRecord.FORMAT, "nn1:8020", "site-a", "nn1", AgentRecord.Kind.NAMENODE_PLUGIN,
        state, "LEADER".equals(state), 4, NOW - 90_000, NOW, "0.1.0", error, Map.of("mirror", "2 volumes, lag 0.4s"));
    DataNodeRecord d = new DataNodeRecord(DataNodeRecord.FORMAT, "uuid-1", "site-a", "dn1", "dn1:9866", 9867, 9864, 0,
        "RUNNING", null);
    return new SiteStatus("site-a", "zk:2181", true, null, "nn1:8020", 4, List.of(a), List.of(d), null);
  }

  @Test
  void textShowsLeaderAgentsComponentsAndDataNodes() {
    String t = new StatusRenderer().text(List.of(site("LEADER", null)), NOW);
    assertTrue(t.contains("site-a  ZooKeeper zk:2181  leader nn1:8020 (epoch 4)"), t);
    assertTrue(t.contains("* nn1:8020"), t);
    assertTrue(t.contains("up 90s"), t);
    assertTrue(t.contains("mirror: 2 volumes, lag 0.4s"), t);
    assertTrue(t.contains("uuid-1") && t.contains("dn1:9866"), t);
  }

  @Test
  void failuresAreFlaggedAndMakeTheSiteUnhealthy() {
    SiteStatus s = site("FAILED", "invalid configuration: x");
    assertTrue(new StatusRenderer().text(List.of(s), NOW).contains("! invalid configuration: x"));
    assertTrue(!s.healthy());
    assertTrue(site("LEADER", null).healthy());
    SiteStatus down = SiteStatus.unreachable("site-b", "zk2:2181", "ZooKeeper zk2:2181 unreachable",
        List.of(Map.of("namenode", "http://nn:9870", "AgentId", "nn:8020", "State", "CONNECTING", "LastError", "no zk")));
    String t = new StatusRenderer().text(List.of(down), NOW);
    assertTrue(t.contains("UNREACHABLE: ZooKeeper zk2:2181 unreachable"), t);
    assertTrue(t.contains("from NameNode JMX http://nn:9870: agent nn:8020 CONNECTING  ! no zk"), t);
  }

  @Test
  void jsonCarriesTheSameFields() throws Exception {
    String json = new StatusRenderer().json(List.of(site("LEADER", null)));
    var root = new ObjectMapper().readTree(json).path("sites").get(0);
    assertEquals("nn1:8020", root.path("leader").asText());
    assertEquals(4, root.path("leaderEpoch").asInt());
    assertEquals("LEADER", root.path("agents").get(0).path("state").asText());
    assertEquals("uuid-1", root.path("datanodes").get(0).path("uuid").asText());
  }

  @Test
  void agesAreShort() {
    assertEquals("42s", StatusRenderer.age(42_000));
    assertEquals("7m", StatusRenderer.age(7 * 60_000));
    assertEquals("3h", StatusRenderer.age(3 * 3_600_000));
    assertEquals("2d", StatusRenderer.age(2 * 86_400_000L));
  }
}
