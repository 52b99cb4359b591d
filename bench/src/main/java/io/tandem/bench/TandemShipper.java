package io.tandem.bench;

import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.harness.TandemSite;
import io.tandem.mirror.ship.ShipStats;
import io.tandem.mirror.snapshot.VolumeSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.ToolRunner;

/**
 * Takes and ships a volume's snapshots as an operator does ({@code tandem snapshot create|ship} on the primary site,
 * in this process), measuring each ship from the agent's own counters: issued, first byte, committed on the peer.
 */
final class TandemShipper {
  private static final long POLL_MS = 5;

  private final TandemSite source;
  private final DistributedFileSystem sourceFs;
  private final FileSystem peerFs;
  private final Duration timeout;

  TandemShipper(TandemSite source, DistributedFileSystem sourceFs, FileSystem peerFs, Duration timeout) {
    this.source = source;
    this.sourceFs = sourceFs;
    this.peerFs = peerFs;
    this.timeout = timeout;
  }

  /** {@code tandem snapshot create <volume>}; returns the new snapshot's name. */
  String snapshot(String volume) throws Exception {
    cli("snapshot", "create", volume);
    List<String> names = new VolumeSnapshots(sourceFs, "/" + volume, source.siteId()).list();
    return names.get(names.size() - 1);
  }

  /**
   * {@code tandem snapshot ship <volume> --no-wait}, then polls the agent's ship counters and the peer until the peer
   * holds {@code snapshot} (the ship's commit point) and the agent counted the ship committed.
   */
  ShipMeasure ship(String volume, String snapshot) throws Exception {
    ShipStats before = stats(volume);
    long sent0 = before == null ? 0 : before.bytesSent();
    long paced0 = before == null ? 0 : before.bytesPaced();
    long files0 = before == null ? 0 : before.filesSent();
    long appends0 = before == null ? 0 : before.appends();
    long full0 = before == null ? 0 : before.fullCopies();
    long committed0 = before == null ? 0 : before.shipsCommitted();
    Path committedOnPeer = new Path("/" + volume + "/.snapshot/" + snapshot);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    cli("snapshot", "ship", volume, "--no-wait");
    long firstByte = -1;
    long committedAt = -1;
    while (true) {
      ShipStats s = stats(volume);
      long now = System.nanoTime();
      if (s != null && firstByte < 0 && s.bytesPaced() > paced0) {
        firstByte = now - start;
      }
      if (committedAt < 0 && peerFs.exists(committedOnPeer)) {
        committedAt = now - start;
      }
      if (committedAt >= 0 && s != null && s.shipsCommitted() > committed0) {
        return new ShipMeasure(committedAt, firstByte, s.bytesSent() - sent0, s.filesSent() - files0,
            s.appends() - appends0, s.fullCopies() - full0);
      }
      if (now > deadline) {
        throw new IllegalStateException("the ship of " + snapshot + " (volume " + volume + ") was not committed within "
            + timeout.getSeconds() + " s; " + (s == null ? "no ship counters" : s.progress() + "; " + s.lastError()));
      }
      Thread.sleep(POLL_MS); // polling the agent's counters and the peer while the ship runs
    }
  }

  private ShipStats stats(String volume) {
    return source.nameNodePlugin(0).mirrorComponent().shipStats().get(volume);
  }

  private void cli(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ToolRunner.run(new Configuration(source.conf()), new TandemCli(o, e), args);
    }
    if (exit != TandemCli.OK) {
      throw new IllegalStateException("tandem " + String.join(" ", args) + " exited " + exit + ": "
          + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
  }
}
