package io.tandem.it.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.ShipRecord;
import io.tandem.hadoop.TandemNameNodePlugin;
import io.tandem.it.harness.Trees;
import io.tandem.mirror.ship.ShipStats;
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
 * A ship interrupted by closing the agent resumes from its record when the agent starts again, sending only the
 * remainder; the shipping rate holds the cap over a 5-second window and follows a cap changed at run time.
 * (Cut links and peer restarts: {@link ShipFaultsIT}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipResumeAndRateIT {
  private static final long MIB = ShipDriver.MIB;
  private static ShipSites ship;
  private static ShipDriver driver;
  private static FileSystem fsA;
  private static FileSystem fsB;

  @BeforeAll
  static void start() throws Exception {
    ship = ShipSites.start(ShipResumeAndRateIT.class, (c, site) -> {
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

  private static ShipStats stats() {
    return driver.stats();
  }

  @Test
  @Order(1)
  void anInterruptedShipResumesWithOnlyTheRemainder() throws Exception {
    for (int i = 0; i < 16; i++) {
      driver.write("/v/part-" + i, MIB / 2);
    }
    String name = driver.snapshot();
    driver.bandwidth("16"); // 2 MB/s: the 8 MiB ship takes about four seconds, time to interrupt it
    driver.shipNoWait();
    driver.awaitPortions(name, 2);

    TandemNameNodePlugin plugin = ship.sites.a().nameNodePlugin(0);
    plugin.stop(); // the agent closes mid-ship
    ShipRecord atStop = driver.record();
    assertEquals(ShipRecord.State.SHIPPING, atStop.state, atStop.progressLine());
    assertTrue(atStop.portionsDone < atStop.portionsTotal, atStop.progressLine());
    plugin.start(ship.sites.a().dfs().getNameNode(0));

    ShipRecord done = driver.awaitCommitted(name);
    long afterRestart = stats().bytesSent();
    long remainder = atStop.bytesTotal - atStop.bytesDone;
    System.out.printf("resume: %d of %d bytes recorded done at the stop, %d sent after the restart, %d in all%n",
        atStop.bytesDone, atStop.bytesTotal, afterRestart, done.bytesSent);
    assertTrue(atStop.bytesDone >= MIB, "portions were recorded before the stop: " + atStop.progressLine());
    assertTrue(afterRestart > 0 && afterRestart <= remainder,
        "after the restart only the remainder is sent: " + afterRestart + " of " + remainder);
    assertTrue(done.bytesSent <= done.bytesTotal, "no portion counted twice: " + done.bytesSent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  /** Bytes per second through the shipping limiter over {@code window}. */
  private static double measure(Duration window) throws InterruptedException {
    long b0 = stats().bytesPaced();
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis()); // the measuring window itself, not a wait for a condition
    long b1 = stats().bytesPaced();
    long t1 = System.nanoTime();
    return (b1 - b0) * 1e9 / (t1 - t0);
  }

  @Test
  @Order(2)
  void theRateHoldsTheCapAndFollowsAChangeMidShip() throws Exception {
    for (int i = 0; i < 24; i++) {
      driver.write("/v/rate-" + i, MIB);
    }
    String name = driver.snapshot();
    driver.bandwidth("16"); // 2,000,000 B/s
    long pacedBefore = stats().bytesPaced();
    driver.shipNoWait();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> stats().bytesPaced() - pacedBefore > 256 * 1024);
    double first = measure(Duration.ofSeconds(5));
    io.tandem.it.Cli status = io.tandem.it.Cli.run(ship.sites.a().conf(), "status");
    assertTrue(status.out.matches("(?s).*ship\\.v " + name + " SHIPPING: \\d+/24 files, [0-9.]+/24\\.0 MiB, portion \\d+/\\d+,"
        + " [0-9.]+ MB/s, ETA \\d+ s.*"), "status shows the ship's progress: " + status.out);
    driver.bandwidth("8"); // 1,000,000 B/s, from within a second
    Thread.sleep(1500); // let the new cap take effect; the rate is measured after it
    double second = measure(Duration.ofSeconds(5));
    assertEquals(ShipRecord.State.SHIPPING, driver.record().state, "still shipping while measured");
    System.out.printf("rate: %.0f B/s at a 16 Mbit/s cap, %.0f B/s after the cap changed to 8 Mbit/s%n", first, second);
    assertEquals(2_000_000, first, 2_000_000 * 0.15, "rate at 16 Mbit/s over 5 s");
    assertEquals(1_000_000, second, 1_000_000 * 0.15, "rate after the change to 8 Mbit/s");
    driver.bandwidth("--clear");
    driver.awaitCommitted(name);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
  }

  @Test
  @Order(3)
  void aLargeFileInterruptedHalfwayContinuesWhereItStopped() throws Exception {
    driver.write("/v/large", 6 * MIB);
    String name = driver.snapshot();
    driver.bandwidth("16"); // 2 MB/s: three seconds for the file
    ShipStats before = stats();
    long sentAtStart = before.bytesSent();
    driver.shipNoWait();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> before.bytesSent() - sentAtStart >= 2 * MIB);
    TandemNameNodePlugin plugin = ship.sites.a().nameNodePlugin(0);
    plugin.stop(); // mid-file
    long sentBeforeStop = before.bytesSent() - sentAtStart;
    plugin.start(ship.sites.a().dfs().getNameNode(0));
    ShipRecord done = driver.awaitCommitted(name);
    long afterRestart = stats().bytesSent();
    System.out.printf("large file: %d of %d bytes sent before the stop, %d after the restart%n", sentBeforeStop,
        6 * MIB, afterRestart);
    assertTrue(stats().stagedResumes() >= 1, "the copy continued in the peer's staging");
    assertTrue(afterRestart <= 6 * MIB - sentBeforeStop + 2 * 256 * 1024,
        "only the rest of the file was sent: " + afterRestart + " after " + sentBeforeStop);
    assertTrue(done.bytesSent < 6 * MIB + 2 * 256 * 1024, "no byte sent twice beyond what was in flight: " + done.bytesSent);
    String snap = "/v/.snapshot/" + name;
    assertEquals(List.of(), Trees.differences(fsA, snap, fsB, snap));
    driver.bandwidth("--clear");
  }
}
