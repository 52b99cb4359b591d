package io.tandem.migrate.load;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.MigrateSettings;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.testing.ZkTesting;
import io.tandem.migrate.load.trace.TraceSubscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three monitors with fake DataNodes on a real ZooKeeper: each publishes its ephemeral report, reads the others',
 * and knows its share; the busy one is the busiest in every table; a closed monitor's report vanishes from
 * ZooKeeper and from the others' tables.
 */
class LoadMonitorTest {
  private static final ZnodePaths PATHS = new ZnodePaths("site-a");

  private TestingServer server;
  private final List<CuratorFramework> clients = new ArrayList<>();
  private final Map<String, LoadMonitor> monitors = new LinkedHashMap<>();
  private final Map<String, FakeProbe> probes = new LinkedHashMap<>();
  private final Map<String, HotBlockCounter> counters = new LinkedHashMap<>();

  @BeforeEach
  void startZooKeeper() throws Exception {
    server = ZkTesting.server();
  }

  @AfterEach
  void stopAll() throws Exception {
    monitors.values().forEach(LoadMonitor::close);
    clients.forEach(CuratorFramework::close);
    server.close();
  }

  private static MigrateSettings settings() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", "localhost:1");
    c.set("tandem.load.report.interval.ms", "100");
    return TandemConfig.parse(c).migrate();
  }

  private CuratorFramework client() {
    CuratorFramework c = ZkTesting.client(server.getConnectString(), 5000);
    clients.add(c);
    return c;
  }

  private void startMonitor(String uuid) {
    FakeProbe probe = new FakeProbe();
    HotBlockCounter counter = HotBlockCounter.forRanking(8);
    MigrateSettings s = settings();
    LoadSampler sampler = new LoadSampler(probe, counter, s.hotBlocks(), s.reportIntervalMs(), System::nanoTime);
    LoadMonitor m = new LoadMonitor(client(), PATHS, uuid, s, sampler, TraceSubscription.none(), Clock.systemUTC());
    probes.put(uuid, probe);
    counters.put(uuid, counter);
    monitors.put(uuid, m);
    m.start();
  }

  @Test
  void everyMonitorPublishesSeesTheSiteAndKnowsItsShare() throws Exception {
    for (String uuid : List.of("dn-a", "dn-b", "dn-c")) {
      startMonitor(uuid);
    }
    probes.get("dn-a").steadyBytesReadPerSec = 1_000_000;
    probes.get("dn-c").steadyBytesReadPerSec = 1_000_000;
    FakeProbe busy = probes.get("dn-b");
    busy.steadyBytesReadPerSec = 50_000_000;
    busy.steadyReadOpsPerSec = 20;
    busy.xceivers = 12;
    counters.get("dn-b").record(4242, 50);
    counters.get("dn-b").record(77, 5);

    RecordStore<LoadReport> store = new RecordStore<>(client(), LoadReport.class, new JsonCodec());
    await().atMost(Duration.ofSeconds(20)).until(() -> store.readChildren(PATHS.loads()).size() == 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> monitors.values().stream().allMatch(m ->
        m.table().size() == 3 && m.table().busiest().equals(Optional.of("dn-b"))));

    for (LoadMonitor m : monitors.values()) {
      LoadTable t = m.table();
      assertEquals(1.0, t.share("dn-a") + t.share("dn-b") + t.share("dn-c"), 1e-9, t.toString());
      assertNull(m.lastError());
    }
    LoadTable own = monitors.get("dn-b").table();
    assertTrue(own.ownShare() > 0.5, own.toString());
    LoadReport published = store.read(PATHS.load("dn-b")).get().value();
    assertEquals(List.of(4242L, 77L), published.hotBlocks);
    assertEquals("read-sequential", published.pattern);
    assertTrue(published.load > 1.5, published.toString());
    assertTrue(published.sequence > 1);
  }

  @Test
  void aClosedMonitorsReportVanishesFromZooKeeperAndFromTheOthersTables() throws Exception {
    startMonitor("dn-a");
    startMonitor("dn-b");
    RecordStore<LoadReport> store = new RecordStore<>(client(), LoadReport.class, new JsonCodec());
    await().atMost(Duration.ofSeconds(20)).until(() -> monitors.get("dn-a").table().size() == 2);

    monitors.get("dn-b").close();
    assertEquals(LoadMonitor.State.CLOSED, monitors.get("dn-b").state());
    await().atMost(Duration.ofSeconds(10)).until(() -> !store.read(PATHS.load("dn-b")).isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> monitors.get("dn-a").table().size() == 1);
  }
}
