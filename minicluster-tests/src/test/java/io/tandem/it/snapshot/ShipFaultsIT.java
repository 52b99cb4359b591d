package io.tandem.it.snapshot;

import static io.tandem.it.snapshot.ShipDriver.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.ShipRecord;
import io.tandem.it.harness.Trees;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ships interrupted by faults resume from their record: a link cut mid-ship (site-a reaches site-b through a fault
 * proxy), and the peer's NameNode, with the agent it hosts, restarting mid-ship. At most the portion in flight is
 * sent again, and the shipped snapshot is identical on both sides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipFaultsIT {
  private static ShipSites ship;
  private static ShipDriver driver;
  private static FileSystem fsA;
  private static FileSystem fsB;

  @BeforeAll
  static void start() throws Exception {
    ship = ShipSites.withFaultProxy(ShipFaultsIT.class, (c, site) -> {
      c.set("tandem.ship.portion.steps", "3");
      c.set("tandem.ship.portion.bytes", "4194304");
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
  void aShipAcrossACutLinkResumesWhenTheLinkIsBack() throws Exception {
    for (int i = 0; i < 12; i++) {
      driver.write("/v/cut-" + i, MIB / 2);
    }
    String name = driver.snapshot();
    driver.bandwidth("16");
    long sentBefore = driver.stats().bytesSent();
    driver.shipNoWait();
    driver.awaitPortions(name, 2);
    ship.proxy.blackhole();
    ShipRecord atCut = await().atMost(Duration.ofSeconds(20)).until(driver::record,
        r -> driver.stats().lastError() != null && driver.stats().lastError().contains("link to site-b"));
    driver.bandwidth("--clear");
    ship.proxy.pass();
    ShipRecord done = driver.awaitCommitted(name);
    long sent = driver.stats().bytesSent() - sentBefore;
    System.out.printf("link cut: %d of %d bytes recorded done at the cut, %d sent for the ship in all%n",
        atCut.bytesDone, done.bytesTotal, sent);
    assertEquals(ShipRecord.State.SHIPPING, atCut.state);
    assertTrue(sent <= done.bytesTotal + MIB, "at most the portion in flight is sent again: " + sent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  @Test
  @Order(2)
  void aShipResumesAfterThePeersNameNodeRestarts() throws Exception {
    for (int i = 0; i < 12; i++) {
      driver.write("/v/restart-" + i, MIB / 2);
    }
    String name = driver.snapshot();
    driver.bandwidth("16");
    long sentBefore = driver.stats().bytesSent();
    driver.shipNoWait();
    driver.awaitPortions(name, 1);
    ship.sites.b().restartNameNode(0); // the peer's NameNode, and its agent with it
    driver.bandwidth("--clear");
    ShipRecord done = driver.awaitCommitted(name);
    long sent = driver.stats().bytesSent() - sentBefore;
    System.out.printf("peer restart: %d bytes sent for a ship of %d%n", sent, done.bytesTotal);
    assertTrue(sent <= done.bytesTotal + MIB, "at most the portion in flight is sent again: " + sent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }
}
