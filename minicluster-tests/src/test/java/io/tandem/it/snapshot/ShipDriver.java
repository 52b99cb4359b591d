package io.tandem.it.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.coord.record.ShipRecord;
import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.Cli;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.ship.ShipStats;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/** Drives ships of volume v from site-a as an operator would: writes, snapshots, the CLI, the ship record. */
final class ShipDriver {
  static final long MIB = 1024 * 1024;

  private final TwoSites sites;
  private final FileSystem fsA;
  private final Random random = new Random(5);

  ShipDriver(TwoSites sites, FileSystem fsA) {
    this.sites = sites;
    this.fsA = fsA;
  }

  void write(String path, long length) throws Exception {
    byte[] b = new byte[(int) length];
    random.nextBytes(b);
    try (FSDataOutputStream o = fsA.create(new Path(path), true)) {
      o.write(b);
    }
  }

  String snapshot() throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "create", "v");
    assertEquals(TandemCli.OK, c.exit, c.toString());
    List<String> names = new VolumeSnapshots((DistributedFileSystem) fsA, "/v", "site-a").list();
    return names.get(names.size() - 1);
  }

  void bandwidth(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "snapshot";
    all[1] = "bandwidth";
    System.arraycopy(args, 0, all, 2, args.length);
    Cli c = Cli.run(sites.a().conf(), all);
    assertEquals(TandemCli.OK, c.exit, c.toString());
  }

  void shipNoWait() throws Exception {
    Cli c = Cli.run(sites.a().conf(), "snapshot", "ship", "v", "--no-wait");
    assertEquals(TandemCli.OK, c.exit, c.toString());
  }

  /** The leading agent's ship counters; awaited, since an agent that just started has not taken the lead yet. */
  ShipStats stats() {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> sites.a().nameNodePlugin(0).mirrorComponent().shipStats().get("v"), s -> s != null);
  }

  ShipRecord record() throws Exception {
    return ShipRecords.read(sites.a(), "v");
  }

  void awaitPortions(String name, int portions) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> ShipRecords.find(sites.a(), "v").map(r -> r.snapshot.equals(name) && r.portionsDone >= portions)
            .orElse(false));
  }

  ShipRecord awaitCommitted(String name) {
    return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(
        () -> ShipRecords.find(sites.a(), "v").orElse(null),
        r -> r != null && r.snapshot.equals(name) && r.state == ShipRecord.State.COMMITTED);
  }
}
