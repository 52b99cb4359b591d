package io.tandem.bench;

import io.tandem.it.harness.TandemSite;
import io.tandem.migrate.MigrationComponent;
import io.tandem.migrate.move.MigrationCounters;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * What moving blocks costs a writer: on a site of its own, one client appends small records to a few files with no
 * move under way, and to other files of the same size while Tandem's mover keeps moves of those files' blocks under
 * way ({@link MoveFeeder}); an append that lands on a block being moved restarts its move. The two take turns in
 * slices (so a slow spell of a busy machine falls on both), and a slice without moves starts only once the previous
 * slice's moves ended. The planner stays paused throughout, so the only moves are the fed ones. Afterwards every file must be readable to
 * the end (the client checks every checksum) and hold exactly what was appended.
 */
final class AppendPhase {
  private static final Path QUIET = new Path("/append/quiet");
  private static final Path MOVING = new Path("/append/moving");
  /** Each appended file starts with this many full blocks, so its blocks can be moved from the start. */
  private static final int BASE_BLOCKS = 4;
  /** Untimed appends first, so neither half pays for the client's and the JIT's first steps. */
  private static final long WARM_UP_MS = 3000;
  /** Longest wait for the moves of a slice to end (a restarted move backs off for up to a minute). */
  static final long SETTLE_MS = 90_000;

  private final MigrateBenchOptions options;
  private final PrintStream out;

  AppendPhase(MigrateBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  AppendResult run(File dir) throws Exception {
    long sliceMs = options.appendDuration.toMillis() / options.appendRounds;
    out.printf(Locale.ROOT, "append: %d files, %s per append; %d s without moves and %d s with %d moves of their"
            + " blocks kept under way, in turns of %.1f s%n  starting a site of %d DataNodes ...%n",
        options.appendFiles, Units.bytes(options.appendBytes), options.appendDuration.getSeconds(),
        options.appendDuration.getSeconds(), options.appendMoves, sliceMs / 1000.0, options.dataNodes);
    try (MigrateSite site = MigrateSite.start(options, dir, c -> { })) {
      MigrationComponent migration = site.awaitReady();
      site.setMigrationPaused(true);
      DistributedFileSystem fs = site.fs();
      List<Path> quiet = create(fs, QUIET);
      List<Path> moving = create(fs, MOVING);
      new Appender(fs, quiet, options.appendBytes).run(WARM_UP_MS);
      long[] quietBefore = lengths(fs, quiet);
      long[] movingBefore = lengths(fs, moving);

      MigrationCounters counters = migration.counters();
      long done = counters.movesDone();
      long failed = counters.movesFailed();
      long restarts = counters.restarts();
      long bytes = counters.bytesMoved();
      Appender without = new Appender(fs, quiet, options.appendBytes);
      Appender with = new Appender(fs, moving, options.appendBytes);
      long planned = 0;
      int unsettled = 0;
      for (int round = 0; round < options.appendRounds; round++) {
        without.run(sliceMs);
        MoveFeeder feeder = new MoveFeeder(site, moving, options.appendMoves).start();
        try {
          with.run(sliceMs);
        } finally {
          planned += feeder.stop();
        }
        // The next slice without moves starts once the moves of this one ended.
        unsettled += feeder.awaitNoMoves(SETTLE_MS) ? 0 : 1;
      }
      ScenarioResult.Moves moves = new ScenarioResult.Moves(counters.movesDone() - done,
          counters.movesFailed() - failed, counters.restarts() - restarts, counters.bytesMoved() - bytes);
      out.printf(Locale.ROOT, "  without moves: %d appends, p50 %s, p99 %s%n  with moves: %d appends, p50 %s, p99 %s;"
              + " %d moves planned, %d done (%s), %d restarted, %d failed%n", without.latencies().count,
          Latencies.ms(without.latencies().p50Ms), Latencies.ms(without.latencies().p99Ms), with.latencies().count,
          Latencies.ms(with.latencies().p50Ms), Latencies.ms(with.latencies().p99Ms), planned, moves.done,
          Units.bytes(moves.bytes), moves.restarts, moves.failed);

      List<String> problems = new ArrayList<>();
      check(fs, quiet, quietBefore, without, problems);
      check(fs, moving, movingBefore, with, problems);
      return new AppendResult(options.appendFiles, options.appendBytes, options.appendDuration.getSeconds(),
          options.appendRounds, without, with, planned, moves, problems, unsettled);
    }
  }

  private List<Path> create(DistributedFileSystem fs, Path dir) throws IOException {
    byte[] block = new byte[(int) TandemSite.BLOCK_SIZE];
    new Random(13).nextBytes(block);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < options.appendFiles; i++) {
      Path p = new Path(dir, "f-" + i);
      try (FSDataOutputStream o = fs.create(p, MigrateSite.REPLICATION)) {
        for (int b = 0; b < BASE_BLOCKS; b++) {
          o.write(block);
        }
      }
      files.add(p);
    }
    return files;
  }

  private static long[] lengths(DistributedFileSystem fs, List<Path> files) throws IOException {
    long[] out = new long[files.size()];
    for (int i = 0; i < files.size(); i++) {
      out[i] = fs.getFileStatus(files.get(i)).getLen();
    }
    return out;
  }

  /** Each file reads to its end and holds its length before plus what was appended. */
  private static void check(DistributedFileSystem fs, List<Path> files, long[] before, Appender appender,
      List<String> problems) {
    byte[] buffer = new byte[64 * 1024];
    for (int i = 0; i < files.size(); i++) {
      long expected = before[i] + appender.appendedTo(i);
      long read = 0;
      try (InputStream in = fs.open(files.get(i))) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          read += n;
        }
      } catch (IOException e) {
        problems.add(files.get(i) + ": " + e);
        continue;
      }
      if (read != expected) {
        problems.add(files.get(i) + ": " + read + " bytes read, " + expected + " expected");
      }
    }
  }
}
