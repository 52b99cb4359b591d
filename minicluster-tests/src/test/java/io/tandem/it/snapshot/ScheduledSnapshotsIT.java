package io.tandem.it.snapshot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.mirror.snapshot.SnapshotNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * A volume with a snapshot interval is made snapshottable by the leading agent and gets Tandem-named snapshots on
 * schedule, pruned to the retention count; an operator's own snapshots are left alone; {@code tandem snapshot
 * create|list} work by hand, and snapshots are readable under {@code .snapshot/<name>}.
 */
class ScheduledSnapshotsIT {
  private static List<String> tandemSnapshots(DistributedFileSystem fs) throws Exception {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(new Path("/vol/.snapshot"))) {
      if (SnapshotNames.isTandem(s.getPath().getName())) {
        names.add(s.getPath().getName());
      }
    }
    return names;
  }

  @Test
  void snapshotsFollowTheScheduleAndTheRetention() throws Exception {
    try (TandemSite site = TandemSite.builder("site-a", TestDirsAccess.forClass(ScheduledSnapshotsIT.class))
        .dataNodes(1).configure(c -> {
          c.set("tandem.volumes", "vol");
          c.set("tandem.volume.vol.path", "/vol");
          c.set("tandem.volume.vol.snapshot.interval", "1s");
          c.set("tandem.volume.vol.snapshot.retain", "3");
        }).start()) {
      DistributedFileSystem fs = site.fileSystem();
      fs.mkdirs(new Path("/vol"));
      try (FSDataOutputStream o = fs.create(new Path("/vol/data.txt"))) {
        o.write("version 1".getBytes(StandardCharsets.UTF_8));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> fs.getFileStatus(new Path("/vol")).isSnapshotEnabled()
          && tandemSnapshots(fs).size() == 3);
      fs.createSnapshot(new Path("/vol"), "operator-keeps-this");
      long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      List<String> seen = new ArrayList<>(tandemSnapshots(fs));
      while (System.nanoTime() < deadline) {
        for (String n : tandemSnapshots(fs)) {
          if (!seen.contains(n)) {
            seen.add(n);
          }
        }
        List<String> now = tandemSnapshots(fs);
        // A new snapshot exists for a moment before the oldest is pruned: never more than retain + 1.
        assertTrue(now.size() <= 4, "retention exceeded: " + now);
        Thread.sleep(100); // sampling period while the schedule runs
      }
      assertTrue(seen.size() >= 5, "snapshots kept coming on schedule: " + seen);
      await().atMost(Duration.ofSeconds(10)).until(() -> tandemSnapshots(fs).size() == 3);
      assertTrue(fs.exists(new Path("/vol/.snapshot/operator-keeps-this")), "an operator's snapshot is never pruned");
      String newest = tandemSnapshots(fs).stream().sorted().reduce((a, b) -> b).orElseThrow();
      assertTrue(fs.exists(new Path("/vol/.snapshot/" + newest + "/data.txt")));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(TandemCli.OK, ToolRunner.run(site.conf(), new TandemCli(new PrintStream(out, true, "UTF-8"), System.err),
          new String[] {"snapshot", "list", "vol"}));
      List<String> listed = Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
          .filter(l -> !l.isBlank()).map(l -> l.split(" ")[0]).collect(Collectors.toList());
      assertTrue(!listed.isEmpty() && listed.stream().allMatch(SnapshotNames::isTandem), listed.toString());
      assertEquals(listed.stream().sorted().collect(Collectors.toList()), listed, "oldest first");

      out.reset();
      assertEquals(TandemCli.OK, ToolRunner.run(site.conf(), new TandemCli(new PrintStream(out, true, "UTF-8"), System.err),
          new String[] {"snapshot", "create", "vol"}));
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("readable under /vol/.snapshot/tandem-"), out.toString());
    }
  }
}
