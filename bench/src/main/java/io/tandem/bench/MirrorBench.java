package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirroring benchmark: two sites (site-a, site-b) on MiniDFSClusters in this process, volume {@value #VOLUME}
 * mirrored asynchronously from site-a to site-b over the agents' link. After an untimed warm-up (D written once
 * outside the volume on each site), one data set D is written
 * <ol>
 *   <li>straight into site-b, outside the volume: the ceiling, what site-b's HDFS takes from one writer here
 *       (measured again at the end; the better of the two counts);</li>
 *   <li>into the volume on site-a at steady rates (by default half and a quarter of the ceiling): per-file lag,
 *       close on site-a to complete on site-b, and whether the mirror kept up;</li>
 *   <li>into the volume on site-a as fast as it goes: mirrored throughput, first byte written to last file complete
 *       on site-b;</li>
 *   <li>into the volume on site-a with its mirror paused, then resumed: how fast the mirror catches up with
 *       nothing else running ({@link CatchUpPhase});</li>
 * </ol>
 * then D is copied from site-a to site-b by DistCp {@code -update} on the local job runner, 10% of its files get
 * appended to and both Tandem and an incremental DistCp {@code -update} carry the appends over. It prints a table
 * with the ratios against the targets (lag p99 under 2 s at steady load, mirrored throughput at least 70% of the
 * ceiling), writes them as JSON, and checks at the end that the volume is identical on both sites.
 */
public final class MirrorBench {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorBench.class);
  static final String VOLUME = "bench";
  static final String VOLUME_PATH = "/bench";
  static final String SYNC_VOLUME = "syncbench";
  /** Warm-up rounds end once one finds the JIT compiling for less than this share of its wall time. */
  static final double JIT_SETTLED_SHARE = 0.03;

  private final BenchOptions options;
  private final PrintStream out;
  private final DataSet dataSet;

  MirrorBench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.dataSet = DataSet.of(options.smallFiles, options.smallBytes, options.largeFiles, options.largeBytes);
  }

  public static void main(String[] args) {
    BenchMain.main("mirror bench", BenchOptions.USAGE, args, a -> new MirrorBench(BenchOptions.parse(a), System.out)::run);
  }

  /**
   * Site settings: the link and DataNode heartbeats as short as the two-site tests have them, one async volume, and
   * the HDFS clients' first wait before retrying a file's completion (every client: the bench's writers, DistCp and
   * the agents' own).
   */
  private void configureSite(Configuration c, String site) {
    c.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", options.closeRetryMs);
    c.set("tandem.link.heartbeat.interval.ms", "100");
    c.set("tandem.link.heartbeat.timeout.ms", "700");
    c.set("tandem.link.probation.ms", "1000");
    c.set("tandem.mirror.open-file.flush.ms", "500");
    c.set("tandem.volumes", VOLUME + "," + SYNC_VOLUME);
    c.set("tandem.volume." + SYNC_VOLUME + ".path", "/" + SYNC_VOLUME);
    c.set("tandem.volume." + SYNC_VOLUME + ".peer", site.equals("site-a") ? "site-b" : "site-a");
    c.set("tandem.volume." + SYNC_VOLUME + ".mirror", "sync");
    c.set("tandem.volume." + SYNC_VOLUME + ".primary", "site-a");
    c.set("tandem.volume." + VOLUME + ".path", VOLUME_PATH);
    c.set("tandem.volume." + VOLUME + ".peer", site.equals("site-a") ? "site-b" : "site-a");
    c.set("tandem.volume." + VOLUME + ".mirror", "async");
    c.set("tandem.volume." + VOLUME + ".primary", "site-a");
    options.siteSettings.forEach(c::set);
  }

  int run() throws Exception {
    long benchStart = System.nanoTime();
    out.printf(Locale.ROOT, "Tandem mirroring bench: %d cores, %d DataNode(s) per site, %s blocks, volume %s async"
            + " site-a -> site-b%nHDFS clients retry a file's completion after %d ms at first (HDFS default: 400 ms)%n"
            + "Data set D: %s%n%s", Runtime.getRuntime().availableProcessors(), options.dataNodes,
        Units.bytes(TandemSite.BLOCK_SIZE), VOLUME_PATH, options.closeRetryMs, dataSet.description(),
        options.siteSettings.isEmpty() ? "" : "Set on both sites: " + options.siteSettings + System.lineSeparator());
    out.printf("Starting two sites under %s ...%n", options.baseDir);
    try (TwoSites sites = TwoSites.start(options.baseDir, options.dataNodes, port -> port, this::configureSite);
        FileSystem fsA = Trees.comparableFs(sites.a());
        FileSystem fsB = Trees.comparableFs(sites.b())) {
      out.printf(Locale.ROOT, "Both sites up after %.1f s; waiting for the mirror to carry a first file ...%n",
          Units.seconds(System.nanoTime() - benchStart));
      awaitMirrorReady(fsA, fsB);
      try (MirrorWatch watch = new MirrorWatch(sites.a(), sites.b())) {
        return phases(sites, fsA, fsB, watch, benchStart);
      }
    }
  }

  private int phases(TwoSites sites, FileSystem fsA, FileSystem fsB, MirrorWatch watch, long benchStart)
      throws Exception {
    out.println("warm-up (untimed): D outside the volume on site-a, then on site-b, then into the volume on site-a"
        + " until mirrored ...");
    new DataSetWriter(fsA, dataSet).write(new Path("/scratch/warm-up"), 0, (path, length, closedNanos) -> { });
    new DataSetWriter(fsB, dataSet).write(new Path("/scratch/warm-up"), 0, (path, length, closedNanos) -> { });
    // The mirror's own paths (capture, link, apply) warm up too, as the writer's just did: without it the first
    // timed phase that mirrors pays for the JIT compiling them, about a quarter of a core here.
    mirrorPhase("warm-up", fsA, fsB, watch, VOLUME_PATH + "/warm-up", 0);

    out.println("ceiling: D straight into site-b (outside the volume) ...");
    DataSetWriter.Pass ceiling = new DataSetWriter(fsB, dataSet).write(new Path("/scratch/ceiling-1"), 0,
        (path, length, closedNanos) -> { });
    out.printf(Locale.ROOT, "    %.1f MiB/s%n", ceiling.mibPerSecond());

    List<MirrorPhase> steady = new ArrayList<>();
    for (double rate : steadyRates(ceiling.mibPerSecond())) {
      String name = String.format(Locale.ROOT, "steady-%.0f", rate * 100 / ceiling.mibPerSecond());
      out.printf(Locale.ROOT, "%s: D into %s/%s on site-a at %.1f MiB/s (%.0f%% of the ceiling) ...%n", name,
          VOLUME_PATH, name, rate, rate * 100 / ceiling.mibPerSecond());
      MirrorPhase phase = mirrorPhase(name, fsA, fsB, watch, VOLUME_PATH + "/" + name, rate);
      out.printf(Locale.ROOT, "    lag %s, trend %+.0f ms/s%n", phase.lag.text(), phase.lagTrendMsPerSecond());
      steady.add(phase);
    }

    warmUpRounds(fsA, fsB, watch);
    List<ThroughputRound> rounds = new ArrayList<>();
    for (int i = 1; i <= options.throughputRounds; i++) {
      out.printf("round %d of %d: the ceiling, D straight into site-b, then at once D into %s/%s on site-a as fast"
          + " as it goes%s ...%n", i, options.throughputRounds, VOLUME_PATH, unpacedDir(i),
          options.plainCopy ? ", then D on site-a copied file by file to site-b by a plain client" : "");
      ThroughputRound round = throughputRound(i, fsA, fsB, watch, "/scratch/ceiling-round-" + i,
          VOLUME_PATH + "/" + unpacedDir(i), "/scratch/plain-copy-" + i);
      out.printf(Locale.ROOT, "    CPU per MiB (the whole process): ceiling %.1f ms, written and mirrored %.1f ms%s%n",
          round.cpu.ceiling, round.cpu.writtenAndMirrored, round.plain == null ? ""
              : String.format(Locale.ROOT, ", written and plainly copied %.1f ms", round.cpu.writtenAndPlainlyCopied));
      out.printf(Locale.ROOT, "    JIT compiling: %s%n", round.jit.text());
      out.printf(Locale.ROOT, "    ceiling %.1f MiB/s; written at %.1f MiB/s, mirrored at %.1f MiB/s: %.2f of the"
              + " ceiling%s%n", round.ceiling.mibPerSecond(), round.unpaced.written.mibPerSecond(),
          round.unpaced.mirroredMibPerSecond(), round.ratio(), round.plain == null ? "" : String.format(Locale.ROOT,
              "; plain copy %.1f MiB/s: %.2f", round.plain.mibPerSecond(), round.plainRatio()));
      rounds.add(round);
    }

    out.printf("catch-up: D into %s/catch-up on site-a with its mirror paused, then resumed ...%n", VOLUME_PATH);
    CatchUpPhase catchUp = CatchUpPhase.run(sites.a(), fsA, fsB, dataSet, VOLUME, VOLUME_PATH + "/catch-up",
        options.pollMs, options.phaseTimeout);
    out.printf(Locale.ROOT, "    mirrored at %.1f MiB/s after the resume%n", catchUp.mibPerSecond());

    Path source = new Path(fsA.getUri().toString() + VOLUME_PATH + "/" + unpacedDir(1));
    Path target = new Path(fsB.getUri().toString() + "/distcp/unpaced");
    out.printf("DistCp -update of D: %s -> %s (local job runner, %d map(s)) ...%n", source, target,
        options.distcpMaps);
    DistCpRun distcpFull = distcp(sites.b(), source, target);
    out.printf(Locale.ROOT, "    %.1f s%n", Units.seconds(distcpFull.nanos));

    List<DataSet.DataFile> appended = filesToAppendTo();
    out.printf("appends: %s to each of %d files of %s on site-a, mirrored by Tandem ...%n",
        Units.bytes(options.appendBytes), appended.size(), VOLUME_PATH + "/" + unpacedDir(1));
    MirrorPhase appends = appendPhase(fsA, fsB, watch, VOLUME_PATH + "/" + unpacedDir(1), appended);
    out.printf(Locale.ROOT, "    %.2f s from the first append to the last on site-b%n",
        Units.seconds(appends.mirroredNanos()));

    out.println("incremental DistCp -update of the same appends ...");
    DistCpRun distcpIncremental = distcp(sites.b(), source, target);
    out.printf(Locale.ROOT, "    %.1f s%n", Units.seconds(distcpIncremental.nanos));

    out.println("ceiling again: D straight into site-b ...");
    DataSetWriter.Pass ceilingAgain = new DataSetWriter(fsB, dataSet).write(new Path("/scratch/ceiling-2"), 0,
        (path, length, closedNanos) -> { });
    out.printf(Locale.ROOT, "    %.1f MiB/s%n", ceilingAgain.mibPerSecond());

    out.println("sync writes: plain HDFS client vs TandemFileSystem on the sync volume ...");
    SyncLatencyPhase syncLatency;
    org.apache.hadoop.conf.Configuration syncConf = new org.apache.hadoop.conf.Configuration(sites.a().conf());
    syncConf.set("fs.hdfs.impl", "io.tandem.hadoop.TandemFileSystem");
    syncConf.setBoolean("fs.hdfs.impl.disable.cache", true);
    try (FileSystem syncFs = FileSystem.get(syncConf)) {
      fsA.mkdirs(new Path("/scratch/plain-sync"));
      syncLatency = SyncLatencyPhase.run(fsA, "/scratch/plain-sync", syncFs, "/" + SYNC_VOLUME, options.syncRounds);
    }
    List<String> syncDiffs = Trees.differences(fsA, "/" + SYNC_VOLUME, fsB, "/" + SYNC_VOLUME);

    out.println("verifying: comparing the volume on both sites (names, lengths, permissions, checksums) ...");
    List<String> volumeDiffs = Trees.differences(fsA, VOLUME_PATH, fsB, VOLUME_PATH);
    List<String> distcpDiffs = Trees.differences(fsA, VOLUME_PATH + "/" + unpacedDir(1), fsB, "/distcp/unpaced");

    BenchResults r = new BenchResults(options, dataSet, ceiling, ceilingAgain, steady, rounds, distcpFull, appends,
        distcpIncremental, volumeDiffs, distcpDiffs, watch.linkChanges(),
        Units.seconds(System.nanoTime() - benchStart));
    r.print(out);
    catchUp.print(out, r.ceilingMibPerSecond());
    syncLatency.print(out);
    out.println(syncDiffs.isEmpty() ? "  sync volume identical on both sites"
        : "  sync volume DIFFERS on site-b: " + syncDiffs.subList(0, Math.min(5, syncDiffs.size())));
    Map<String, Object> json = r.json();
    json.put("sync_latency", syncLatency.json());
    json.put("catch_up", catchUp.json(r.ceilingMibPerSecond()));
    JsonFile.writeIfAsked(json, options.json, out);
    out.flush();
    return r.verified() && syncDiffs.isEmpty() ? 0 : 1;
  }

  /**
   * Untimed rounds, exactly as the graded ones, until the JIT has settled: the bench runs both sites, their agents
   * and its clients in one JVM, whose compiler takes minutes on 2 cores to work through that much code and spends
   * up to a third of a core on it meanwhile, whereas a NameNode or an agent runs for weeks: the graded rounds, each
   * of their phases alike (the ceiling too), should see as little of that as the run's length allows. Stops at the
   * first round that compiled for less than {@value #JIT_SETTLED_SHARE} of its time, or after
   * {@code --warm-up-rounds}.
   */
  private void warmUpRounds(FileSystem fsA, FileSystem fsB, MirrorWatch watch) throws Exception {
    for (int i = 1; i <= options.warmUpRounds; i++) {
      long start = System.nanoTime();
      long jit0 = ProcessCpu.compileMillis();
      ThroughputRound round = throughputRound(i, fsA, fsB, watch, "/scratch/warm-up-ceiling-" + i,
          VOLUME_PATH + "/warm-up-" + i, "/scratch/warm-up-plain-copy-" + i);
      double share = (ProcessCpu.compileMillis() - jit0) * 1e6 / (System.nanoTime() - start);
      out.printf(Locale.ROOT, "warm-up round %d of at most %d (untimed): %.2f of the ceiling; the JIT compiled %.0f%%"
          + " of the time%n", i, options.warmUpRounds, round.ratio(), share * 100);
      for (String dir : List.of("/scratch/warm-up-ceiling-" + i, "/scratch/warm-up-plain-copy-" + i)) {
        fsA.delete(new Path(dir), true);
        fsB.delete(new Path(dir), true);
      }
      if (share < JIT_SETTLED_SHARE) {
        break;
      }
    }
  }

  /** The ceiling into {@code ceilingDir} on site-b, then D mirrored into {@code mirroredDir}, then the plain copy. */
  private ThroughputRound throughputRound(int number, FileSystem fsA, FileSystem fsB, MirrorWatch watch,
      String ceilingDir, String mirroredDir, String plainDir) throws Exception {
    long cpu0 = ProcessCpu.nanos();
    long jit0 = ProcessCpu.compileMillis();
    DataSetWriter.Pass ceiling = new DataSetWriter(fsB, dataSet).write(new Path(ceilingDir), 0,
        (path, length, closedNanos) -> { });
    long cpu1 = ProcessCpu.nanos();
    long jit1 = ProcessCpu.compileMillis();
    MirrorPhase unpaced = mirrorPhase(new Path(mirroredDir).getName(), fsA, fsB, watch, mirroredDir, 0);
    long cpu2 = ProcessCpu.nanos();
    long jit2 = ProcessCpu.compileMillis();
    PlainCopier.Result plain = options.plainCopy ? PlainCopier.run(fsA, fsB, dataSet, new Path(plainDir)) : null;
    long cpu3 = ProcessCpu.nanos();
    long jit3 = ProcessCpu.compileMillis();
    long bytes = dataSet.totalBytes();
    return new ThroughputRound(number, ceiling, unpaced, plain,
        new ThroughputRound.CpuCost(ProcessCpu.msPerMib(cpu0, cpu1, bytes), ProcessCpu.msPerMib(cpu1, cpu2, bytes),
            plain == null ? Double.NaN : ProcessCpu.msPerMib(cpu2, cpu3, bytes)),
        new ThroughputRound.JitTime(jit1 - jit0, jit2 - jit1, plain == null ? -1 : jit3 - jit2));
  }

  /** Round 1 writes where the bench always had its unpaced phase, which the DistCp and append phases reuse. */
  private static String unpacedDir(int round) {
    return round == 1 ? "unpaced" : "unpaced-" + round;
  }

  /** The steady phases' rates in MiB/s: as given, or the given fractions of the ceiling. */
  private List<Double> steadyRates(double ceilingMibPerSecond) {
    if (!options.pacedRatesMiBps.isEmpty()) {
      return options.pacedRatesMiBps;
    }
    List<Double> rates = new ArrayList<>();
    for (double f : options.pacedFractions) {
      rates.add(f * ceilingMibPerSecond);
    }
    return rates;
  }

  /** Writes one small file into the volume and waits for it on site-b: the link is up and the first copy done. */
  private void awaitMirrorReady(FileSystem fsA, FileSystem fsB) throws Exception {
    fsA.mkdirs(new Path(VOLUME_PATH));
    try (ArrivalTracker tracker = new ArrivalTracker(fsB, new Path(VOLUME_PATH), options.pollMs)) {
      byte[] probe = "the mirror carries this file\n".getBytes(StandardCharsets.UTF_8);
      try (FSDataOutputStream o = fsA.create(new Path(VOLUME_PATH + "/ready/probe"), true)) {
        o.write(probe);
      }
      tracker.expect("ready/probe", probe.length, System.nanoTime());
      if (!tracker.awaitAll(options.phaseTimeout)) {
        throw new IllegalStateException("the mirror did not carry a first file within "
            + options.phaseTimeout.getSeconds() + " s: " + tracker.missing(1));
      }
    }
  }

  private MirrorPhase mirrorPhase(String name, FileSystem fsA, FileSystem fsB, MirrorWatch watch, String dir,
      double mibPerSecond) throws Exception {
    long appliedBefore = watch.requestsApplied();
    try (ArrivalTracker tracker = new ArrivalTracker(fsB, new Path(dir), options.pollMs)) {
      DataSetWriter.Pass pass = new DataSetWriter(fsA, dataSet).write(new Path(dir), mibPerSecond, tracker::expect);
      return finish(name, pass, tracker, watch, appliedBefore);
    }
  }

  private MirrorPhase appendPhase(FileSystem fsA, FileSystem fsB, MirrorWatch watch, String dir,
      List<DataSet.DataFile> files) throws Exception {
    long appliedBefore = watch.requestsApplied();
    try (ArrivalTracker tracker = new ArrivalTracker(fsB, new Path(dir), options.pollMs)) {
      DataSetWriter.Pass pass = new DataSetWriter(fsA, dataSet).append(new Path(dir), files, options.appendBytes,
          tracker::expect);
      return finish("appends", pass, tracker, watch, appliedBefore);
    }
  }

  private MirrorPhase finish(String name, DataSetWriter.Pass pass, ArrivalTracker tracker, MirrorWatch watch,
      long appliedBefore) throws InterruptedException {
    boolean complete = tracker.awaitAll(options.phaseTimeout);
    List<String> missing = complete ? List.of() : tracker.missing(5);
    if (!complete) {
      out.printf("    INCOMPLETE: %d file(s) still missing on site-b after %d s, e.g. %s%n", tracker.pendingCount(),
          options.phaseTimeout.getSeconds(), missing);
    }
    MirrorPhase phase = new MirrorPhase(name, pass, tracker.arrivals(), complete, missing,
        watch.requestsApplied() - appliedBefore, watch.senderLine(), watch.receiverLine());
    LOG.info("Phase {} done: {} status calls to site-b; site-a: {}; site-b: {}", name, tracker.statusCalls(),
        phase.senderStatus, phase.receiverStatus);
    return phase;
  }

  /** About {@code --append-fraction} of the data set's files, spread evenly over it. */
  private List<DataSet.DataFile> filesToAppendTo() {
    List<DataSet.DataFile> all = dataSet.files();
    int n = (int) Math.round(all.size() * options.appendFraction);
    List<DataSet.DataFile> chosen = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chosen.add(all.get((int) ((long) i * all.size() / n)));
    }
    return chosen;
  }

  /** {@code distcp -update source target}, run where the copy lands (site-b), on the local job runner. */
  private DistCpRun distcp(TandemSite receiving, Path source, Path target) throws Exception {
    return new DistCpRunner(receiving, options.baseDir, options.distcpMaps).update(source, target);
  }
}
