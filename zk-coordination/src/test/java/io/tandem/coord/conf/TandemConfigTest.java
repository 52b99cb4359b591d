package io.tandem.coord.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;

class TandemConfigTest {
  private static Configuration base() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", "localhost:2181");
    return c;
  }

  private static Configuration withVolume() {
    Configuration c = base();
    c.set("tandem.link.peers", "site-b");
    c.set("tandem.link.peer.site-b.address", "peer-host:7410");
    c.set("tandem.link.secret", "s3cret");
    c.set("tandem.volumes", "logs");
    c.set("tandem.volume.logs.path", "/data/logs");
    c.set("tandem.volume.logs.peer", "site-b");
    c.set("tandem.volume.logs.primary", "site-a");
    c.set("tandem.volume.logs.mirror", "async");
    return c;
  }

  private static String problems(Configuration c) {
    ConfigException e = assertThrows(ConfigException.class, () -> TandemConfig.parse(c));
    return String.join("\n", e.problems());
  }

  @Test
  void defaultsApplyWhenOnlyTheSiteAndZooKeeperAreSet() {
    TandemConfig cfg = TandemConfig.parse(base());
    assertEquals("site-a", cfg.siteId());
    assertEquals("/tandem", cfg.zk().root());
    assertEquals(30000, cfg.zk().sessionTimeoutMs());
    assertEquals(4, cfg.link().connections());
    assertEquals(1000, cfg.link().heartbeatIntervalMs());
    assertEquals(5000, cfg.link().heartbeatTimeoutMs());
    assertEquals(10000, cfg.link().probationMs());
    assertEquals(0.25, cfg.migrate().threshold());
    assertEquals(3, cfg.migrate().sustainReports());
    assertTrue(cfg.volumes().isEmpty());
    assertTrue(cfg.warnings().isEmpty(), cfg.warnings().toString());
  }

  @Test
  void theClientIdIsReservedAndSyncKeysAreChecked() {
    Configuration c = base();
    c.set("tandem.site.id", ZkSettings.CLIENT_SITE_ID);
    String p = problems(c);
    assertTrue(p.contains("tandem.site.id=\"tandem-client\" is not valid"), p);

    c = base();
    c.set("tandem.link.listen.address", "nn1:7760");
    SyncSettings s = SyncSettings.from(c);
    assertEquals(1, s.agents().size(), "the agent's own listen address by default");
    assertEquals(30_000, s.timeoutMs());
    c.set("tandem.sync.agents", "nn1:7760, nn2:7760");
    assertEquals(2, SyncSettings.from(c).agents().size());
    c.set("tandem.sync.agents", "nn1:7760,nn2");
    c.set("tandem.sync.timeout.ms", "0");
    p = problems(c);
    assertTrue(p.contains("tandem.sync.agents=\"nn2\" is not valid"), p);
    assertTrue(p.contains("tandem.sync.timeout.ms=\"0\" is not valid"), p);
  }

  /** A directory in two volumes would be mirrored twice, and a sync client would wait on one volume's peer. */
  @Test
  void volumesInsideOneAnotherAreRefusedButNeighboursWithACommonPrefixAreNot() {
    Configuration c = withVolume();
    c.set("tandem.volumes", "logs,app,logs2");
    c.set("tandem.volume.app.path", "/data/logs/app");
    c.set("tandem.volume.logs2.path", "/data/logs2");
    String p = problems(c);
    assertTrue(p.contains("tandem.volume.app.path=\"/data/logs/app\"") && p.contains("volume logs's (/data/logs)"), p);
    assertTrue(!p.contains("logs2"), p);
    Configuration neighbours = withVolume();
    neighbours.set("tandem.volumes", "logs,logs2");
    neighbours.set("tandem.volume.logs2.path", "/data/logs2");
    assertEquals(2, TandemConfig.parse(neighbours).volumes().size());
  }

  @Test
  void aPeerMayListSeveralAgentAddresses() {
    Configuration c = base();
    c.set("tandem.link.peers", "site-b");
    c.set("tandem.link.peer.site-b.address", "nn1.b:7410, nn2.b:7410");
    LinkSettings link = TandemConfig.parse(c).link();
    assertEquals(2, link.peerAddresses("site-b").size());
    assertEquals("nn1.b", link.peerAddress("site-b").getHostString());
    assertEquals("nn2.b", link.peerAddresses("site-b").get(1).getHostString());
    c.set("tandem.link.peer.site-b.address", "nn1.b:7410,nn2.b");
    String p = problems(c);
    assertTrue(p.contains("tandem.link.peer.site-b.address=\"nn2.b\" is not valid"), p);
  }

  @Test
  void quorumFallsBackToHaZookeeperQuorum() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("ha.zookeeper.quorum", "zk1:2181,zk2:2181");
    assertEquals("zk1:2181,zk2:2181", TandemConfig.parse(c).zk().quorum());
  }

  @Test
  void missingSiteAndQuorumAreNamed() {
    String p = problems(new Configuration(false));
    assertTrue(p.contains("tandem.site.id is not set"), p);
    assertTrue(p.contains("tandem.zk.quorum is not set"), p);
  }

  @Test
  void badValueNamesKeyValueAndWhatIsAllowed() {
    Configuration c = base();
    c.set("tandem.link.connections", "lots");
    c.set("tandem.migrate.threshold", "-1");
    c.set("tandem.site.id", "Site A");
    String p = problems(c);
    assertTrue(p.contains("tandem.link.connections=\"lots\" is not valid: expected an integer from 1 to 64"), p);
    assertTrue(p.contains("tandem.migrate.threshold=\"-1\" is not valid"), p);
    assertTrue(p.contains("tandem.site.id=\"Site A\" is not valid: expected a site id"), p);
  }

  @Test
  void loadMonitorKeysHaveDefaultsAndRanges() {
    MigrateSettings defaults = TandemConfig.parse(base()).migrate();
    assertEquals(5000, defaults.reportIntervalMs());
    assertEquals(8, defaults.hotBlocks());
    assertEquals(0.5, defaults.serverWeight());
    assertEquals(0.5, defaults.storageWeight());

    Configuration c = base();
    c.set("tandem.load.hot.blocks", "0");
    c.set("tandem.migrate.weight.server", "3");
    c.set("tandem.migrate.weight.storage", "0");
    MigrateSettings set = TandemConfig.parse(c).migrate();
    assertEquals(0, set.hotBlocks());
    assertEquals(3.0, set.serverWeight());
    assertEquals(0.0, set.storageWeight());

    Configuration bad = base();
    bad.set("tandem.load.hot.blocks", "65");
    bad.set("tandem.migrate.weight.server", "-1");
    String p = problems(bad);
    assertTrue(p.contains("tandem.load.hot.blocks=\"65\" is not valid: expected an integer from 0 to 64"), p);
    assertTrue(p.contains("tandem.migrate.weight.server=\"-1\" is not valid"), p);
  }

  @Test
  void loadWeightsMayNotBothBeZero() {
    Configuration c = base();
    c.set("tandem.migrate.weight.server", "0");
    c.set("tandem.migrate.weight.storage", "0");
    assertTrue(problems(c).contains("tandem.migrate.weight.storage=\"0\" is not valid: expected a weight greater than 0"));
  }

  @Test
  void heartbeatTimeoutMustExceedInterval() {
    Configuration c = base();
    c.set("tandem.link.heartbeat.interval.ms", "2000");
    c.set("tandem.link.heartbeat.timeout.ms", "1000");
    assertTrue(problems(c).contains("greater than tandem.link.heartbeat.interval.ms (2000)"));
  }

  @Test
  void unknownKeysWarnWithTheClosestKnownKey() {
    Configuration c = withVolume();
    c.set("tandem.link.conections", "4");
    c.set("tandem.volume.logs.mirorr", "sync");
    c.set("tandem.volume.other.path", "/x");
    c.set("tandem.totally.unrelated.setting.name", "1");
    List<String> w = TandemConfig.parse(c).warnings();
    assertTrue(w.contains("Unknown Tandem key tandem.link.conections is ignored; did you mean tandem.link.connections?"), w.toString());
    assertTrue(w.contains("Unknown Tandem key tandem.volume.logs.mirorr is ignored; did you mean tandem.volume.logs.mirror?"), w.toString());
    assertTrue(w.contains("Tandem key tandem.volume.other.path is ignored: volume other is not listed in tandem.volumes"), w.toString());
    assertTrue(w.contains("Unknown Tandem key tandem.totally.unrelated.setting.name is ignored"), w.toString());
  }

  @Test
  void volumeIsParsedWithItsDefaults() {
    TandemConfig cfg = TandemConfig.parse(withVolume());
    VolumeSettings v = cfg.volumes().get("logs");
    assertEquals("/data/logs", v.path());
    assertEquals("/data/logs", v.remotePath());
    assertEquals(VolumeSettings.MirrorMode.ASYNC, v.mirror());
    assertEquals(VolumeSettings.LinkDownPolicy.DEGRADE, v.syncOnLinkDown());
    assertEquals(24, v.snapshotRetain());
    assertEquals("peer-host", cfg.link().peerAddress("site-b").getHostString());
    assertEquals("s3cret", cfg.link().secret());
  }

  @Test
  void volumeCrossChecks() {
    Configuration c = withVolume();
    c.set("tandem.volume.logs.primary", "site-z");
    c.unset("tandem.link.secret");
    c.set("tandem.volume.logs.snapshot.interval", "every hour");
    c.set("tandem.volumes", "logs,bad name");
    String p = problems(c);
    assertTrue(p.contains("tandem.volume.logs.primary=\"site-z\" is not valid: expected this site (site-a) or the volume's peer (site-b)"), p);
    assertTrue(p.contains("tandem.link.secret is not set"), p);
    assertTrue(p.contains("tandem.volume.logs.snapshot.interval=\"every hour\""), p);
    assertTrue(p.contains("tandem.volumes=\"bad name\""), p);
  }

  @Test
  void aCascadeIsDeclaredWithOnwardSitesAndSources() {
    Configuration b = withVolume();
    b.set("tandem.site.id", "site-b");
    b.set("tandem.link.peers", "site-a,site-c");
    b.set("tandem.link.peer.site-a.address", "a-host:7410");
    b.set("tandem.link.peer.site-c.address", "c-host:7410");
    b.set("tandem.volume.logs.peer", "site-a");
    b.set("tandem.volume.logs.ship.onward", "site-c");
    VolumeSettings onB = TandemConfig.parse(b).volumes().get("logs");
    assertEquals(List.of("site-c"), onB.onward());
    assertEquals(List.of("site-a"), List.copyOf(onB.senders()));

    Configuration c = base();
    c.set("tandem.site.id", "site-c");
    c.set("tandem.volumes", "logs");
    c.set("tandem.volume.logs.path", "/data/logs");
    c.set("tandem.volume.logs.primary", "site-a");
    c.set("tandem.volume.logs.ship.sources", "site-b, site-a");
    TandemConfig onC = TandemConfig.parse(c);
    VolumeSettings v = onC.volumes().get("logs");
    assertTrue(v.replicated(), "a volume with sources lives on several sites");
    assertEquals(List.of("site-b", "site-a"), List.copyOf(v.senders()));
    assertEquals(3000, onC.shipClaimWindowMs());
    assertEquals(30000, onC.shipClaimLeaseMs());
  }

  @Test
  void cascadeCrossChecks() {
    Configuration c = withVolume();
    c.set("tandem.volume.logs.ship.onward", "site-b,site-a,site-q");
    c.set("tandem.volume.logs.ship.sources", "site-a");
    c.set("tandem.ship.claim.lease.ms", "10");
    String p = problems(c);
    assertTrue(p.contains("tandem.volume.logs.ship.onward=\"site-b\" is not valid: expected sites other than this one"
        + " (site-a) and the volume's peer (site-b)"), p);
    assertTrue(p.contains("tandem.volume.logs.ship.onward=\"site-a\" is not valid"), p);
    assertTrue(p.contains("tandem.volume.logs.ship.onward=\"site-q\" is not valid: expected one of tandem.link.peers"),
        p);
    assertTrue(p.contains("tandem.volume.logs.ship.sources=\"site-a\" is not valid"), p);
    assertTrue(p.contains("tandem.ship.claim.lease.ms=\"10\" is not valid"), p);

    Configuration lonely = base();
    lonely.set("tandem.link.peers", "site-c");
    lonely.set("tandem.link.peer.site-c.address", "c-host:7410");
    lonely.set("tandem.link.auth", "none");
    lonely.set("tandem.volumes", "logs");
    lonely.set("tandem.volume.logs.path", "/data/logs");
    lonely.set("tandem.volume.logs.ship.onward", "site-c");
    assertTrue(problems(lonely).contains("no onward sites for a volume without a peer or ship.sources"));
  }

  @Test
  void durationsAcceptUnits() {
    Configuration c = withVolume();
    c.set("tandem.volume.logs.snapshot.interval", "15m");
    assertEquals(900_000L, TandemConfig.parse(c).volumes().get("logs").snapshotIntervalMs());
  }

  @Test
  void secretComesFromACredentialProvider(@org.junit.jupiter.api.io.TempDir File dir) throws Exception {
    Configuration c = withVolume();
    c.unset("tandem.link.secret");
    String provider = "jceks://file" + new File(dir, "tandem.jceks").getAbsolutePath();
    c.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, provider);
    CredentialProvider cp = CredentialProviderFactory.getProviders(c).get(0);
    cp.createCredentialEntry("tandem.link.secret", "from-the-store".toCharArray());
    cp.flush();
    assertEquals("from-the-store", TandemConfig.parse(c).link().secret());
  }

  @Test
  void zooKeeperAclAndAuthAreParsedAsHadoopDoes() {
    Configuration c = base();
    c.set("tandem.zk.acl", "digest:tandem:abc=:cdrwa");
    c.set("tandem.zk.auth", "digest:tandem:pw");
    TandemConfig cfg = TandemConfig.parse(c);
    assertEquals(1, cfg.zk().acls().size());
    assertEquals("digest", cfg.zk().auths().get(0).getScheme());
    c.set("tandem.zk.acl", "nonsense");
    assertTrue(problems(c).contains("tandem.zk.acl=\"nonsense\" is not valid"));
  }

  @Test
  void closestKeyIgnoresFarOffNames() {
    assertTrue(KeyNames.closest("tandem.zzzzzzzzzzzzzzzzz", List.of("tandem.link.peers")).isEmpty());
    assertEquals(1, KeyNames.distance("abc", "abd"));
  }

  @Test
  void bandwidthScheduleIsParsedAndTheCapIsItsFallback() {
    Configuration c = base();
    c.set("tandem.ship.bandwidth.mbps", "100");
    c.set("tandem.ship.bandwidth.schedule", " mon-fri 08:00-18:00 50; sat,sun * 400 ");
    TandemConfig cfg = TandemConfig.parse(c);
    assertEquals(100, cfg.shipBandwidthMbps());
    assertEquals("mon-fri 08:00-18:00 50; sat-sun * 400", cfg.shipBandwidthSchedule().orElseThrow().toString());
    assertTrue(TandemConfig.parse(base()).shipBandwidthSchedule().isEmpty());
  }

  @Test
  void badBandwidthScheduleIsOneProblemNamingThePosition() {
    Configuration c = base();
    c.set("tandem.ship.bandwidth.schedule", "  mon-fri 8-18 50; * 200");
    c.set("tandem.link.connections", "lots");
    ConfigException e = assertThrows(ConfigException.class, () -> TandemConfig.parse(c));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().contains("tandem.ship.bandwidth.schedule=\"mon-fri 8-18 50; * 200\" is not valid: at position 9:"
        + " expected a time range like 08:00-18:00 or '*', found '8-18'"), e.problems().toString());
  }

  @Test
  void shipPortionsHaveDefaultsAndBounds() {
    TandemConfig defaults = TandemConfig.parse(base());
    assertEquals(256, defaults.shipPortionSteps());
    assertEquals(64L * 1024 * 1024, defaults.shipPortionBytes());
    Configuration c = base();
    c.set("tandem.ship.portion.steps", "0");
    c.set("tandem.ship.portion.bytes", "10");
    ConfigException e = assertThrows(ConfigException.class, () -> TandemConfig.parse(c));
    assertEquals(2, e.problems().size(), e.problems().toString());
  }
}
