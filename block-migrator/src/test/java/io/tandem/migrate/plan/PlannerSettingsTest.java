package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.coord.conf.TandemConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class PlannerSettingsTest {
  private static Configuration base() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", "zk1:2181");
    return c;
  }

  @Test
  void defaultsMatchTheConfigurationDefaults() {
    PlannerSettings fromConfig = PlannerSettings.builder(TandemConfig.parse(base()).migrate()).build();
    PlannerSettings defaults = PlannerSettings.defaults();
    assertEquals(defaults.toString(), fromConfig.toString());
    assertEquals(0.25, defaults.hotRule().threshold());
    assertEquals(3, defaults.sustainReports());
    assertEquals(2, defaults.maxConcurrentMoves());
    assertEquals(0.5, defaults.hotRule().coolFraction());
    assertEquals(1.25, defaults.hotRule().hotLine(1), 1e-12);
    assertEquals(1.125, defaults.hotRule().coolLine(1), 1e-12);
    assertEquals(30 * 60_000L, defaults.blockCooldownMs());
    assertEquals(5 * 60_000L, defaults.failureBackoffMs());
  }

  @Test
  void theConfiguredMigrateKeysAreTakenOver() {
    Configuration c = base();
    c.set("tandem.migrate.threshold", "0.4");
    c.set("tandem.migrate.sustain.reports", "5");
    c.set("tandem.migrate.max.concurrent.moves", "7");
    c.set("tandem.migrate.weight.server", "2");
    c.set("tandem.migrate.weight.storage", "1");
    PlannerSettings s = PlannerSettings.builder(TandemConfig.parse(c).migrate()).blockCooldownMs(1).build();
    assertEquals(0.4, s.hotRule().threshold());
    assertEquals(5, s.sustainReports());
    assertEquals(7, s.maxConcurrentMoves());
    assertEquals(2.0, s.serverWeight());
    assertEquals(1.0, s.storageWeight());
    assertEquals(1, s.blockCooldownMs());
  }

  @Test
  void outOfRangeKnobsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().threshold(0).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().coolFraction(1).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().coolFraction(-0.1).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().sustainReports(0).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().maxConcurrentMoves(0).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().weights(0, 0).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().blockCooldownMs(-1).build());
    assertThrows(IllegalArgumentException.class, () -> PlannerSettings.builder().failureBackoffMs(-1).build());
  }
}
