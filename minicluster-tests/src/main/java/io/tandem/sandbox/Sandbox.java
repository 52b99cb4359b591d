package io.tandem.sandbox;

import io.tandem.coord.ZkClients;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.hadoop.status.SiteStatus;
import io.tandem.hadoop.status.StatusCollector;
import io.tandem.hadoop.status.StatusRenderer;
import io.tandem.it.harness.TandemSite;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import java.io.File;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code tandem sandbox}: two sites, site-a and site-b, in this process, each a MiniDFSCluster of three DataNodes
 * with 1 MiB blocks and its own ZooKeeper, with the Tandem plugins loaded through the public keys only. A small
 * workload writes to both sites while a compact live status prints every few seconds. {@code --duration 60s}
 * stops cleanly after that long with a summary and exit 0 (1 if a site ended unhealthy); without it the sandbox
 * runs until Ctrl-C.
 */
public final class Sandbox {
  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stop = new CountDownLatch(1);

  public Sandbox(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    Sandbox sandbox = new Sandbox(System.out, System.err);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      sandbox.stop();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int code;
    try {
      code = sandbox.run(args);
    } finally {
      finished.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and waits for us.
    }
    System.exit(code);
  }

  /** Ends a running sandbox (Ctrl-C, or tests). */
  public void stop() {
    stop.countDown();
  }

  public int run(String[] args) throws Exception {
    SandboxOptions options;
    try {
      options = SandboxOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tandem sandbox: " + e.getMessage());
      err.println(SandboxOptions.USAGE);
      return 2;
    }
    File base = options.baseDir();
    out.printf("Tandem sandbox: starting site-a and site-b under %s (logs in %s)%n", base,
        System.getProperty("tandem.log.dir", base.getPath()));
    long startNs = System.nanoTime();
    List<TandemSite> sites = new ArrayList<>();
    List<CuratorFramework> viewers = new ArrayList<>();
    Workload workload = null;
    TwoSites two = null;
    try {
      two = TwoSites.start(base, 3, port -> port, Sandbox::configureSite);
      sites.add(two.a());
      sites.add(two.b());
      out.printf("Both sites up in %.1f s. %s%n", (System.nanoTime() - startNs) / 1e9,
          options.duration() == null ? "Ctrl-C stops." : "Running for " + options.duration().getSeconds() + " s.");
      for (TandemSite s : sites) {
        CuratorFramework c = ZkClients.newClient(ZkSettings.parse(s.conf()));
        c.start();
        viewers.add(c);
      }
      workload = new Workload(sites);
      workload.start();
      long deadline = options.duration() == null ? Long.MAX_VALUE
          : System.nanoTime() + options.duration().toNanos();
      StatusCollector collector = new StatusCollector();
      StatusRenderer renderer = new StatusRenderer();
      List<SiteStatus> last = List.of();
      while (true) {
        long waitNs = Math.min(options.statusInterval().toNanos(), deadline - System.nanoTime());
        if (waitNs <= 0 || stop.await(waitNs, TimeUnit.NANOSECONDS)) {
          break;
        }
        last = read(collector, sites, viewers);
        out.printf("%n== t+%ds  %s%n", (System.nanoTime() - startNs) / 1_000_000_000L, workload.summary());
        out.print(renderer.text(last, System.currentTimeMillis()));
        out.flush();
      }
      workload.close();
      out.printf("%n== Sandbox summary after %.0f s%n", (System.nanoTime() - startNs) / 1e9);
      boolean converged = verifyMirrors(two);
      last = read(collector, sites, viewers);
      return summarize(last, workload, converged);
    } finally {
      if (workload != null) {
        workload.close();
      }
      viewers.forEach(CuratorFramework::close);
      if (two != null) {
        two.close();
      }
    }
  }

  /**
   * Switches on each capability through its public keys (the link itself is set up by {@link TwoSites}): volume
   * {@code logs} mirrors asynchronously from site-a to site-b, volume {@code events} from site-b to site-a, and
   * volume {@code ledger} synchronously from site-a to site-b; volume {@code archive} ships its snapshots from site-a
   * to site-b; block migration is on, and the workload makes one of site-a's DataNodes hot.
   */
  static void configureSite(Configuration c, String site) {
    MirroredVolumes.timings(c, 500, 3000, 3000, 1000);
    MirroredVolumes.async(c, site, "logs", "site-a", "events", "site-b", "ledger", "site-a", "archive", "site-a");
    c.set("tandem.volume.ledger.mirror", "sync");
    // archive is not mirrored: snapshots every 5 s, each shipped to the peer as a delta.
    c.set("tandem.volume.archive.mirror", "off");
    c.set("tandem.volume.archive.snapshot.interval", "5s");
    c.set("tandem.volume.archive.snapshot.retain", "6");
    c.setBoolean("tandem.volume.archive.ship", true);
    // Block migration: the hot spot's DataNode cools as the leader moves its blocks.
    c.setBoolean("tandem.migrate.enabled", true);
    c.setLong("tandem.load.report.interval.ms", 1000);
    c.setInt("tandem.migrate.sustain.reports", 3);
    c.setLong("dfs.datanode.balance.bandwidthPerSec", 20L << 20);
  }


  /** After the workload stops, each mirrored volume must become identical on its peer (what an operator checks). */
  private boolean verifyMirrors(TwoSites two) throws Exception {
    boolean ok = true;
    try (org.apache.hadoop.fs.FileSystem a = Trees.comparableFs(two.a());
        org.apache.hadoop.fs.FileSystem b = Trees.comparableFs(two.b())) {
      ok &= verifyMirror("logs", "site-a", a, "site-b", b);
      ok &= verifyMirror("events", "site-b", b, "site-a", a);
      ok &= verifyMirror("ledger", "site-a", a, "site-b", b);
    }
    return ok;
  }

  private boolean verifyMirror(String volume, String from, org.apache.hadoop.fs.FileSystem source, String to,
      org.apache.hadoop.fs.FileSystem target) throws InterruptedException {
    long start = System.nanoTime();
    try {
      Trees.awaitIdentical(source, "/" + volume, target, "/" + volume, Duration.ofSeconds(60));
      out.printf(Locale.ROOT, "volume %s: %s -> %s identical (converged %.1f s after the workload stopped)%n", volume,
          from, to, (System.nanoTime() - start) / 1e9);
      return true;
    } catch (AssertionError e) {
      out.println("volume " + volume + ": " + from + " -> " + to + " NOT identical: " + e.getMessage());
      return false;
    }
  }

  private static List<SiteStatus> read(StatusCollector collector, List<TandemSite> sites, List<CuratorFramework> viewers) {
    List<SiteStatus> out = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      TandemSite s = sites.get(i);
      out.add(collector.read(viewers.get(i), s.siteId(), s.zooKeeper().connectString()));
    }
    return out;
  }

  private int summarize(List<SiteStatus> statuses, Workload workload, boolean converged) {
    out.println(workload.summary());
    boolean healthy = converged;
    for (SiteStatus s : statuses) {
      out.printf(Locale.ROOT, "%s: leader %s at epoch %d, %d agent(s), %d DataNode monitor(s), %s%n", s.site,
          s.leader == null ? "NONE" : s.leader, s.leaderEpoch, s.agents.size(), s.datanodes.size(),
          s.healthy() ? "healthy" : "UNHEALTHY" + (s.error == null ? "" : ": " + s.error));
      healthy &= s.healthy();
    }
    if (workload.errors() > 0) {
      out.println("workload errors: " + workload.errors() + " (last: " + workload.lastError() + ")");
      healthy = false;
    }
    out.println(healthy ? "Sandbox finished cleanly." : "Sandbox finished with problems (see above and the log).");
    out.flush();
    return healthy ? 0 : 1;
  }

  /** The command line of the sandbox. */
  static final class SandboxOptions {
    static final String USAGE = "Usage: tandem sandbox [--duration 60s] [--status-interval 3s] [--base-dir DIR]";

    private final Duration duration;
    private final Duration statusInterval;
    private final File baseDir;

    private SandboxOptions(Duration duration, Duration statusInterval, File baseDir) {
      this.duration = duration;
      this.statusInterval = statusInterval;
      this.baseDir = baseDir;
    }

    static SandboxOptions parse(String[] args) {
      Duration duration = null;
      Duration interval = Duration.ofSeconds(3);
      File base = new File(System.getProperty("java.io.tmpdir"), "tandem-sandbox-" + ProcessHandle.current().pid());
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--duration":
            duration = parseDuration(a, v);
            break;
          case "--status-interval":
            interval = parseDuration(a, v);
            break;
          case "--base-dir":
            base = new File(v);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new SandboxOptions(duration, interval, base);
    }

    static Duration parseDuration(String option, String v) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(v.trim());
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new IllegalArgumentException(option + " \"" + v + "\" is not a positive duration such as 90s, 5m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      switch (unit) {
        case "ms":
          return Duration.ofMillis(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofSeconds(n);
      }
    }

    Duration duration() {
      return duration;
    }

    Duration statusInterval() {
      return statusInterval;
    }

    File baseDir() {
      return baseDir;
    }
  }
}
