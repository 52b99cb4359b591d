package io.tandem.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.agent.AgentState;
import io.tandem.it.harness.TandemSite;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With HA NameNodes, the active NameNode's agent leads and the standby's idles; a failover moves the lead. */
class HighAvailabilityIT {
  @Test
  void leadFollowsTheActiveNameNode() throws Exception {
    try (TandemSite site = TandemSite.builder("site-a", TestDirs.forClass(HighAvailabilityIT.class))
        .dataNodes(1).highAvailability(true).start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> site.nameNodePlugin(0).health().state() == AgentState.LEADER
          && site.nameNodePlugin(1).health().state() == AgentState.STANDBY);
      long epoch = site.nameNodePlugin(0).health().leaderEpoch();

      site.dfs().transitionToStandby(0);
      site.dfs().transitionToActive(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> site.nameNodePlugin(1).health().state() == AgentState.LEADER
          && site.nameNodePlugin(0).health().state() == AgentState.STANDBY);
      assertTrue(site.nameNodePlugin(1).health().leaderEpoch() > epoch);
    }
  }
}
