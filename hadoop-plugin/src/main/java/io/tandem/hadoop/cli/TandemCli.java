package io.tandem.hadoop.cli;

import io.tandem.coord.TandemVersion;
import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.KeyDef;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.TandemKeys;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.hadoop.agent.SiteAgent;
import io.tandem.hadoop.status.NameNodeJmxProbe;
import io.tandem.hadoop.status.SiteStatus;
import io.tandem.hadoop.status.StatusCollector;
import io.tandem.hadoop.status.StatusRenderer;
import io.tandem.migrate.MigrationComponent;
import io.tandem.mirror.MirrorComponent;
import io.tandem.mirror.snapshot.SnapshotComponent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code tandem <command>}: a Hadoop {@link Tool}, so {@code -D}, {@code -conf} and {@code -fs} work. Exit codes:
 * 0 success, 1 failure (one line on stderr says why), 2 usage error, 3 status read but the site is unhealthy.
 */
public final class TandemCli extends Configured implements Tool {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNHEALTHY = 3;

  private static final String USAGE_TEXT = String.join("\n",
      "Usage: tandem <command> [options]",
      "  status [--json]     sites, leaders, agents, DataNode monitors (exit 3 if a site is unhealthy)",
      "  agent               run the site agent standalone until stopped",
      "  mirror pause|resume|verify <vol>   stop or resume shipping a volume; compare it with the peer (exit 1 if it differs)",
      "  snapshot create|list <vol>   take a snapshot of a volume now; list its snapshots",
      "  snapshot ship <vol> [--to <site>] [--no-wait] [--force] [--timeout <duration>]   ship the newest snapshot to the"
          + " peer (or an onward site), waiting until committed",
      "  snapshot bandwidth <mbps> [<schedule>] | --clear   set the shipping cap at run time (ships follow within 1 s)",
      "  failover promote|demote <vol> [--force]   swap a volume's roles (demote snapshots first)",
      "  migrate status|plan|pause|resume   block moves and load; the leader's last plan and why; stop or resume new moves",
      "  keys [--markdown]   list every tandem.* key with its default (--markdown: the README's table)",
      "  version             print the version",
      "  sandbox             two embedded sites with every feature on (bin/tandem sandbox, from a source checkout)",
      "Hadoop generic options (-D key=value, -conf file, -fs uri) come before the command.");

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stopAgent = new CountDownLatch(1);

  public TandemCli() {
    this(System.out, System.err);
  }

  public TandemCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new HdfsConfiguration(), new TandemCli(), args));
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length == 0) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "status":
        return status(rest);
      case "agent":
        return agent(rest);
      case "keys":
        return keys(rest);
      case "mirror":
        return new MirrorCommand(getConf(), out, err).run(rest);
      case "snapshot":
        return new SnapshotCommand(getConf(), out, err).run(rest);
      case "failover":
        return new FailoverCommand(getConf(), out, err).run(rest);
      case "migrate":
        return new MigrateCommand(getConf(), out, err).run(rest);
      case "version":
        out.println("Tandem " + TandemVersion.get());
        return OK;
      case "sandbox":
        err.println("tandem: the sandbox runs from a source checkout: bin/tandem sandbox");
        return USAGE;
      case "help":
      case "-h":
      case "--help":
        out.println(USAGE_TEXT);
        return OK;
      default:
        err.println("tandem: unknown command '" + args[0] + "'\n" + USAGE_TEXT);
        return USAGE;
    }
  }

  private int status(List<String> options) throws InterruptedException {
    boolean json = false;
    for (String o : options) {
      if (o.equals("--json")) {
        json = true;
      } else {
        err.println("tandem status: unknown option '" + o + "' (only --json)");
        return USAGE;
      }
    }
    Configuration conf = getConf();
    ZkSettings local;
    List<ZkSettings> sites = new ArrayList<>();
    try {
      local = ZkSettings.parse(conf);
    } catch (ConfigException e) {
      err.println("tandem status: " + e.getMessage());
      return FAILED;
    }
    sites.add(local);
    try {
      TandemConfig full = TandemConfig.parse(conf);
      for (String peer : full.link().peers()) {
        String quorum = full.link().peerZkQuorum(peer);
        if (quorum != null) {
          sites.add(local.forSite(peer, quorum));
        }
      }
    } catch (ConfigException e) {
      err.println("tandem status: warning: the configuration has problems (" + e.getMessage() + ")");
    }
    StatusCollector collector = new StatusCollector();
    List<SiteStatus> statuses = new ArrayList<>();
    Duration timeout = Duration.ofMillis(Math.min(local.connectionTimeoutMs(), 10_000));
    for (ZkSettings s : sites) {
      SiteStatus st = collector.collect(s, timeout);
      if (!st.reachable && s == local) {
        st = StatusCollector.withPluginHealth(st, new NameNodeJmxProbe(3000).probe(conf));
      }
      statuses.add(st);
    }
    StatusRenderer renderer = new StatusRenderer();
    out.print(json ? renderer.json(statuses) + "\n" : renderer.text(statuses, System.currentTimeMillis()));
    out.flush();
    for (SiteStatus st : statuses) {
      if (!st.reachable) {
        err.println("tandem status: site " + st.site + ": " + st.error);
        return FAILED;
      }
    }
    return statuses.stream().allMatch(SiteStatus::healthy) ? OK : UNHEALTHY;
  }

  private int agent(List<String> options) throws InterruptedException {
    if (!options.isEmpty()) {
      err.println("tandem agent: takes no options, got " + options);
      return USAGE;
    }
    try {
      TandemConfig.parse(getConf());
    } catch (ConfigException e) {
      err.println("tandem agent: " + e.getMessage());
      return FAILED;
    }
    SiteAgent agent = SiteAgent.builder(getConf()).component(new MirrorComponent())
        .component(new SnapshotComponent()).component(new MigrationComponent()).build();
    Thread hook = new Thread(stopAgent::countDown, "tandem-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    agent.start();
    out.println("Tandem agent running (" + agent.health().agentId() + "); stop with Ctrl-C");
    try {
      stopAgent.await();
    } finally {
      agent.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting: the hook already ran.
      }
    }
    return OK;
  }

  /** Stops a running {@code agent} command (tests, embedding). */
  public void stopAgent() {
    stopAgent.countDown();
  }

  private int keys(List<String> options) {
    boolean markdown = options.equals(List.of("--markdown"));
    if (!options.isEmpty() && !markdown) {
      err.println("tandem keys: unknown option " + options + " (only --markdown)");
      return USAGE;
    }
    if (markdown) {
      out.print(keysMarkdown());
      return OK;
    }
    for (KeyDef k : TandemKeys.all()) {
      out.printf("%-45s %-12s %s%n", k.template(), k.defaultValue() == null ? "-" : k.defaultValue(), k.description());
    }
    return OK;
  }

  /** The key table of the README, generated so the two never drift apart. */
  public static String keysMarkdown() {
    StringBuilder b = new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
    for (KeyDef k : TandemKeys.all()) {
      b.append("| `").append(k.template()).append("` | ")
          .append(k.defaultValue() == null || k.defaultValue().isEmpty() ? "—" : "`" + k.defaultValue() + "`")
          .append(" | ").append(k.allowed().replace("|", "/")).append(" | ")
          .append(k.description().replace("|", "/")).append(" |\n");
    }
    return b.toString();
  }

}
