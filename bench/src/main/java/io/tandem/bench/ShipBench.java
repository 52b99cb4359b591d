package io.tandem.bench;

import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * The snapshot shipping benchmark (issue 4): two sites (site-a, site-b) on MiniDFSClusters in this process. For each
 * change set (append-heavy, only new files, rename-heavy) a volume on site-a gets its base, snapshot s1, which
 * Tandem ships whole (untimed) and DistCp copies to {@code /distcp/<volume>} on site-b, snapshotted there as s1 (what
 * {@code -diff} needs); then the change and snapshot s2, carried over by a Tandem ship ({@code tandem snapshot ship},
 * issued until committed on site-b) and by {@code distcp -update -diff s1 s2} on the local job runner. Bytes come from
 * the ship's counters and DistCp's BYTESCOPIED counter; each result is compared with the source's s2. Last, a volume
 * of many empty files, the same on both sites at a common snapshot, has a few of them changed: the time from issuing
 * the ship to its first byte is the time to read the diff and build the plan.
 */
public final class ShipBench {
  static final String PLAN_VOLUME = "plan";
  private static final int PLAN_APPEND_BYTES = 100;

  private final ShipBenchOptions options;
  private final PrintStream out;
  private final List<ChangeSet> changeSets = ChangeSets.all();

  ShipBench(ShipBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    BenchMain.main("ship bench", ShipBenchOptions.USAGE, args, a -> new ShipBench(ShipBenchOptions.parse(a), System.out)::run);
  }

  static String volumeOf(ChangeSet c) {
    return c.name.replace("-", "");
  }

  /** One volume per change set and the plan volume, each at /<name>, primary on site-a, mirroring off. */
  private void configureSite(Configuration c, String site) {
    MirroredVolumes.timings(c, 100, 700, 500, 500);
    c.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    List<String> volumes = new ArrayList<>();
    for (ChangeSet s : changeSets) {
      volumes.add(volumeOf(s));
    }
    volumes.add(PLAN_VOLUME);
    c.set("tandem.volumes", String.join(",", volumes));
    for (String v : volumes) {
      c.set("tandem.volume." + v + ".path", "/" + v);
      c.set("tandem.volume." + v + ".peer", MirroredVolumes.peerOf(site));
      c.set("tandem.volume." + v + ".primary", "site-a");
    }
  }

  int run() throws Exception {
    long benchStart = System.nanoTime();
    out.printf(Locale.ROOT, "Tandem ship bench: %d cores, 1 DataNode per site, %s blocks; Tandem snapshot ship vs"
            + " distcp -update -diff (local job runner, %d map(s))%nStarting two sites under %s ...%n",
        Runtime.getRuntime().availableProcessors(), Units.bytes(TandemSite.BLOCK_SIZE), options.distcpMaps,
        options.baseDir);
    try (TwoSites sites = TwoSites.start(options.baseDir, 1, port -> port, this::configureSite);
        FileSystem fsA = Trees.comparableFs(sites.a());
        FileSystem fsB = Trees.comparableFs(sites.b())) {
      TandemShipper shipper = new TandemShipper(sites.a(), (DistributedFileSystem) fsA, fsB, options.shipTimeout);
      DistCpRunner distcp = new DistCpRunner(sites.b(), options.baseDir, options.distcpMaps);
      List<ShipComparison> comparisons = new ArrayList<>();
      for (ChangeSet c : changeSets) {
        comparisons.add(compare(c, fsA, fsB, shipper, distcp, sites.a().conf()));
      }
      PlanTiming plan = planTiming(fsA, fsB, shipper);
      ShipBenchResults results = new ShipBenchResults(comparisons, plan,
          Units.seconds(System.nanoTime() - benchStart));
      results.print(out);
      JsonFile.writeIfAsked(results.json(), options.json, out);
      out.flush();
      return results.verified() ? 0 : 1;
    }
  }

  private ShipComparison compare(ChangeSet c, FileSystem fsA, FileSystem fsB, TandemShipper shipper,
      DistCpRunner distcp, Configuration confA) throws Exception {
    String volume = volumeOf(c);
    Path root = new Path("/" + volume);
    out.printf("%s: %s%n  base on site-a ...%n", c.name, c.description);
    fsA.mkdirs(root);
    c.base.apply(fsA, root);
    String s1 = shipper.snapshot(volume);
    ShipMeasure full = shipper.ship(volume, s1);
    out.printf(Locale.ROOT, "  s1 = %s shipped whole by Tandem (untimed): %s in %s%n", s1, Units.bytes(full.bytesSent),
        Units.secs(full.nanos));
    String sourceUri = FileSystem.getDefaultUri(confA).toString();
    Path distcpTarget = new Path(fsB.getUri().toString() + "/distcp/" + volume);
    DistCpRun baseCopy = distcp.update(new Path(sourceUri + "/" + volume + "/.snapshot/" + s1), distcpTarget);
    DistributedFileSystem b = (DistributedFileSystem) fsB;
    b.allowSnapshot(distcpTarget);
    b.createSnapshot(distcpTarget, s1);
    out.printf(Locale.ROOT, "  s1 copied by distcp -update to %s and snapshotted there as %s (untimed): %s in %s%n",
        distcpTarget.toUri().getPath(), s1, Units.bytes(baseCopy.bytesCopied), Units.secs(baseCopy.nanos));

    c.change.apply(fsA, root);
    String s2 = shipper.snapshot(volume);
    out.printf("  changed; s2 = %s; Tandem ship ...%n", s2);
    ShipMeasure ship = shipper.ship(volume, s2);
    out.printf(Locale.ROOT, "    %s sent in %s%n", Units.bytes(ship.bytesSent), Units.secs(ship.nanos));
    String snapshot2 = "/" + volume + "/.snapshot/" + s2;
    List<String> tandemDiffs = Trees.differences(fsA, snapshot2, fsB, snapshot2);

    out.println("  distcp -update -diff s1 s2 ...");
    DistCpRun diffCopy = distcp.updateDiff(new Path(sourceUri + "/" + volume), distcpTarget, s1, s2);
    out.printf(Locale.ROOT, "    %s copied in %s%n", Units.bytes(diffCopy.bytesCopied), Units.secs(diffCopy.nanos));
    List<String> distcpDiffs = Trees.differences(fsA, snapshot2, fsB, distcpTarget.toUri().getPath());
    return new ShipComparison(c, ship, diffCopy, tandemDiffs, distcpDiffs);
  }

  /**
   * Many empty files in the plan volume, made the same on both sites and snapshotted under the same name on both
   * (the common base a ship builds on, without shipping them all first), then {@code --plan-changed} of them
   * appended to on site-a, snapshotted and shipped.
   */
  private PlanTiming planTiming(FileSystem fsA, FileSystem fsB, TandemShipper shipper) throws Exception {
    Path root = new Path("/" + PLAN_VOLUME);
    out.printf("plan timing: up to %d empty files in %s on both sites (%d threads, at most %d s) ...%n",
        options.planFiles, root, options.createThreads, options.planCreateBudget.getSeconds());
    long start = System.nanoTime();
    int files = new EmptyFileTree(root, List.of(fsA, fsB)).create(options.planFiles, options.createThreads,
        start + options.planCreateBudget.toNanos());
    long createNanos = System.nanoTime() - start;
    out.printf(Locale.ROOT, "  %d files in %.1f s%n", files, Units.seconds(createNanos));
    String s1 = shipper.snapshot(PLAN_VOLUME);
    DistributedFileSystem b = (DistributedFileSystem) fsB;
    b.allowSnapshot(root);
    b.createSnapshot(root, s1);
    int changed = appendToEvery(fsA, root, files, Math.max(1, (int) Math.round(1 / options.planChanged)));
    String s2 = shipper.snapshot(PLAN_VOLUME);
    out.printf("  s1 = %s on both sites; %d files appended to; s2 = %s; Tandem ship ...%n", s1, changed, s2);
    ShipMeasure ship = shipper.ship(PLAN_VOLUME, s2);
    out.printf(Locale.ROOT, "    first byte after %s, committed after %s%n",
        ship.firstByteNanos < 0 ? "-" : Units.secs(ship.firstByteNanos), Units.secs(ship.nanos));
    String snapshot2 = root + "/.snapshot/" + s2;
    return new PlanTiming(options.planFiles, files, changed, createNanos, ship,
        Trees.differences(fsA, snapshot2, fsB, snapshot2));
  }

  /** Appends a few bytes to every {@code step}-th of the tree's files, on a few threads; returns how many. */
  private int appendToEvery(FileSystem fs, Path root, int files, int step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(options.createThreads);
    try {
      List<Future<?>> appends = new ArrayList<>();
      for (int i = 0; i < files; i += step) {
        Path p = EmptyFileTree.file(root, i);
        appends.add(pool.submit(() -> {
          new ContentWriter(fs).append(p, PLAN_APPEND_BYTES);
          return null;
        }));
      }
      for (Future<?> a : appends) {
        a.get();
      }
      return appends.size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("appending to the plan volume's files failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
