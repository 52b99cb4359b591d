package io.tandem.bench;

import io.tandem.hadoop.cli.TandemCli;
import io.tandem.it.harness.TandemSite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * How fast the mirror catches up when it has nothing to wait for: D is written into the volume on site-a while its
 * mirror is paused ({@code tandem mirror pause}), then the mirror is resumed and timed from the resume to the last
 * file complete on site-b. Nothing else runs meanwhile, as nothing else runs while the ceiling is measured, so the
 * two compare what each gets of the same machine; the unpaced phase, by contrast, shares it with the writer. This is
 * what an operator waits for after an outage or a pause.
 */
final class CatchUpPhase {
  final long bytes;
  final int files;
  final long catchUpNanos;
  final boolean complete;
  final List<String> missing;

  private CatchUpPhase(long bytes, int files, long catchUpNanos, boolean complete, List<String> missing) {
    this.bytes = bytes;
    this.files = files;
    this.catchUpNanos = catchUpNanos;
    this.complete = complete;
    this.missing = missing;
  }

  static CatchUpPhase run(TandemSite sending, FileSystem fsA, FileSystem fsB, DataSet dataSet, String volume,
      String dir, long pollMs, Duration timeout) throws Exception {
    mirror(sending, "pause", volume);
    awaitState(sending, volume, "PAUSED", timeout);
    try (ArrivalTracker tracker = new ArrivalTracker(fsB, new Path(dir), pollMs)) {
      DataSetWriter.Pass pass = new DataSetWriter(fsA, dataSet).write(new Path(dir), 0, tracker::expect);
      long resumedNanos = System.nanoTime();
      mirror(sending, "resume", volume);
      boolean complete = tracker.awaitAll(timeout);
      long last = tracker.arrivals().stream().mapToLong(a -> a.arrivedNanos).max().orElse(resumedNanos);
      return new CatchUpPhase(pass.bytes, pass.files, last - resumedNanos, complete,
          complete ? List.of() : tracker.missing(5));
    }
  }

  private static void mirror(TandemSite site, String action, String volume) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = ToolRunner.run(site.conf(), new TandemCli(print, print), new String[] {"mirror", action, volume});
    if (exit != TandemCli.OK) {
      throw new IllegalStateException("tandem mirror " + action + " " + volume + " failed: " + out);
    }
  }

  private static void awaitState(TandemSite site, String volume, String state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!state.equals(site.nameNodePlugin(0).mirrorComponent().volumeStats().get(volume).state())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the mirror of " + volume + " did not reach " + state + " within "
            + timeout.getSeconds() + " s");
      }
      Thread.sleep(50); // polling the mirror's state with a deadline
    }
  }

  double mibPerSecond() {
    return Units.mibPerSecond(bytes, catchUpNanos);
  }

  void print(PrintStream o, double ceilingMibPerSecond) {
    o.printf(Locale.ROOT, "catch-up throughput / ceiling     %6.2f   %.1f / %.1f MiB/s: %s in %d files mirrored in"
            + " %s after a resume, nothing else running (not the graded measure)%s%n",
        mibPerSecond() / ceilingMibPerSecond, mibPerSecond(), ceilingMibPerSecond, Units.bytes(bytes), files,
        Units.secs(catchUpNanos), complete ? "" : "; INCOMPLETE, missing e.g. " + missing);
  }

  Map<String, Object> json(double ceilingMibPerSecond) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bytes", bytes);
    m.put("files", files);
    m.put("seconds", Units.seconds(catchUpNanos));
    m.put("mib_per_s", mibPerSecond());
    m.put("ratio_to_ceiling", mibPerSecond() / ceilingMibPerSecond);
    m.put("complete", complete);
    return m;
  }
}
