package io.tandem.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What sync mirroring costs a writer: the same small operations (hflush of a 4 KiB record, mkdirs, create-write-close
 * of a 4 KiB file) timed with the plain HDFS client outside any volume and with TandemFileSystem on a sync volume,
 * where each returns only once the peer site stored it. Side by side, in one run.
 */
final class SyncLatencyPhase {
  private static final String[] OPS = {"hflush 4 KiB", "mkdirs", "create+close 4 KiB"};

  final int rounds;
  final Latencies[] plain = new Latencies[OPS.length];
  final Latencies[] sync = new Latencies[OPS.length];

  private SyncLatencyPhase(int rounds) {
    this.rounds = rounds;
  }

  static SyncLatencyPhase run(FileSystem plainFs, String plainDir, FileSystem syncFs, String syncDir, int rounds)
      throws IOException {
    SyncLatencyPhase p = new SyncLatencyPhase(rounds);
    long[][] plainNanos = time(plainFs, plainDir, rounds);
    long[][] syncNanos = time(syncFs, syncDir, rounds);
    for (int i = 0; i < OPS.length; i++) {
      p.plain[i] = Latencies.ofNanos(plainNanos[i]);
      p.sync[i] = Latencies.ofNanos(syncNanos[i]);
    }
    return p;
  }

  private static long[][] time(FileSystem fs, String dir, int rounds) throws IOException {
    long[][] nanos = new long[OPS.length][rounds];
    byte[] record = new byte[4096];
    new Random(5).nextBytes(record);
    try (FSDataOutputStream log = fs.create(new Path(dir, "records.log"), true)) {
      for (int i = 0; i < rounds; i++) {
        log.write(record);
        long t0 = System.nanoTime();
        log.hflush();
        nanos[0][i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        fs.mkdirs(new Path(dir, "d-" + i));
        nanos[1][i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        try (FSDataOutputStream o = fs.create(new Path(dir, "d-" + i + "/f"), true)) {
          o.write(record);
        }
        nanos[2][i] = System.nanoTime() - t0;
      }
    }
    return nanos;
  }

  void print(PrintStream out) {
    out.printf(Locale.ROOT, "%nSync writes (%d rounds; plain HDFS client vs TandemFileSystem on a sync volume, which"
        + " returns once site-b stored the change):%n", rounds);
    out.printf(Locale.ROOT, "  %-20s %12s %12s %12s %12s %10s%n", "operation", "plain p50", "plain p99", "sync p50",
        "sync p99", "p50 ratio");
    for (int i = 0; i < OPS.length; i++) {
      out.printf(Locale.ROOT, "  %-20s %9.1f ms %9.1f ms %9.1f ms %9.1f ms %9.1fx%n", OPS[i], plain[i].p50Ms,
          plain[i].p99Ms, sync[i].p50Ms, sync[i].p99Ms, sync[i].p50Ms / plain[i].p50Ms);
    }
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", rounds);
    for (int i = 0; i < OPS.length; i++) {
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("plain_p50_ms", Units.round(plain[i].p50Ms, 2));
      op.put("plain_p99_ms", Units.round(plain[i].p99Ms, 2));
      op.put("sync_p50_ms", Units.round(sync[i].p50Ms, 2));
      op.put("sync_p99_ms", Units.round(sync[i].p99Ms, 2));
      m.put(OPS[i], op);
    }
    return m;
  }
}
