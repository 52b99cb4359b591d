package io.tandem.it.snapshot;

import static io.tandem.it.snapshot.ShipDriver.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.coord.record.ShipRecord;
import io.tandem.it.harness.Trees;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A ship with Tandem's default portion size, where renames, the files after them and the rest of a small change
 * set all fit one portion, cut by the link once the renames are applied and resumed: the resumed ship repeats what
 * the record does not cover, and must not stash again the paths that its swap had already refilled (which put the
 * old contents back under both names). Nor may one resumed by an agent whose portion size changed meanwhile, so that
 * the recorded portions are not this plan's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipSwapResumeIT {
  private static ShipSites ship;
  private static ShipDriver driver;
  private static FileSystem fsA;
  private static FileSystem fsB;

  @BeforeAll
  static void start() throws Exception {
    ship = ShipSites.withFaultProxy(ShipSwapResumeIT.class, (c, site) -> {
      c.unset("tandem.ship.portion.steps"); // Tandem's defaults: 256 steps, 64 MiB
      c.unset("tandem.ship.portion.bytes");
    });
    driver = ship.driver;
    fsA = ship.fsA;
    fsB = ship.fsB;
  }

  @AfterAll
  static void stop() throws Exception {
    if (ship != null) {
      ship.close();
    }
  }

  @Test
  @Order(1)
  void aSwapCutAfterItsRenamesAndResumedLandsSwapped() throws Exception {
    driver.write("/v/a", MIB / 4);
    driver.write("/v/b", MIB / 3);
    driver.write("/v/d/x", 1000);
    driver.write("/v/d/y", 2000);
    String base = driver.snapshot();
    driver.shipNoWait();
    driver.awaitCommitted(base);

    swap("/v/a", "/v/b");
    swap("/v/d/x", "/v/d/y");
    String name = shipSlowlyUntilFilesFlow("new");
    ship.proxy.blackhole();
    ShipRecord atCut = await().atMost(Duration.ofSeconds(20)).until(driver::record,
        r -> driver.stats().lastError() != null && driver.stats().lastError().contains("link to site-b"));
    driver.bandwidth("--clear");
    ship.proxy.pass();
    driver.awaitCommitted(name);
    assertEquals(ShipRecord.State.SHIPPING, atCut.state, "the cut came mid-ship");
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap), "cut after " + atCut.portionsDone + " of "
        + atCut.portionsTotal + " portion(s)");
  }

  @Test
  @Order(2)
  void aSwapResumedByAnAgentWithAnotherPortionSizeIsSettledNotRepeated() throws Exception {
    swap("/v/a", "/v/b");
    String name = shipSlowlyUntilFilesFlow("more");
    Configuration nameNode = ship.sites.a().dfs().getConfiguration(0);
    nameNode.set("tandem.ship.portion.steps", "2");
    ship.sites.a().restartNameNode(0); // and the agent in it, mid-ship; the new one cuts the plan into other portions
    driver.bandwidth("--clear");
    ShipRecord done = driver.awaitCommitted(name);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
    assertEquals(true, done.takeover, "the resumed ship settled each changed path against what had arrived");
  }

  private static void swap(String a, String b) throws Exception {
    Path aside = new Path(new Path(a).getParent(), "swap");
    fsA.rename(new Path(a), aside);
    fsA.rename(new Path(b), new Path(a));
    fsA.rename(aside, new Path(b));
  }

  /**
   * Adds 12 files named {@code prefix-<i>}, snapshots and ships at 2 MB/s, and returns the snapshot once the first
   * file's bytes flow: the renames come before any file in the plan, so by then every swap is applied on site-b.
   */
  private static String shipSlowlyUntilFilesFlow(String prefix) throws Exception {
    for (int i = 0; i < 12; i++) {
      driver.write("/v/" + prefix + "-" + i, MIB / 2);
    }
    String name = driver.snapshot();
    driver.bandwidth("16");
    long sentBefore = driver.stats().bytesSent();
    driver.shipNoWait();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> driver.stats().bytesSent() > sentBefore + MIB / 2);
    return name;
  }
}
