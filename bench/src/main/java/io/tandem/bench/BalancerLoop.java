package io.tandem.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.server.balancer.ExitStatus;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HDFS Balancer, as {@code hdfs balancer -threshold P} runs it, in this process and back to back until stopped:
 * each run ends when the cluster is balanced by disk utilisation (or it can make no progress), the next starts after
 * a pause. What it prints goes to the bench log; its exit status per run is kept. Its blocks are found with
 * {@code dfs.balancer.getBlocks.min-block-size} lowered below the bench's 1 MiB blocks (HDFS skips blocks under
 * 10 MiB, sized for 128 MiB blocks), so the size of the blocks does not keep it from moving any.
 */
final class BalancerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(BalancerLoop.class);
  private static final String CLI = "org.apache.hadoop.hdfs.server.balancer.Balancer$Cli";
  private static final long PAUSE_MS = 2000;

  private final Configuration conf;
  private final int thresholdPercent;
  private final List<String> exits = new ArrayList<>();
  private final Periodic runs;
  private volatile String failure;

  BalancerLoop(Configuration siteConf, int thresholdPercent) {
    this.conf = new Configuration(siteConf);
    conf.setLong(DFSConfigKeys.DFS_BALANCER_GETBLOCKS_MIN_BLOCK_SIZE_KEY, 1);
    this.thresholdPercent = thresholdPercent;
    this.runs = new Periodic("bench-balancer", PAUSE_MS, this::runOnce);
  }

  BalancerLoop start() {
    runs.start();
    return this;
  }

  /**
   * One {@code hdfs balancer -threshold P}. The Balancer's command line class is not public; it is what
   * {@code hdfs balancer} runs, so it is run here the same way. The Balancer prints its progress to System.out,
   * which is caught for the run and logged.
   */
  private void runOnce() throws Exception {
    Constructor<?> c = Class.forName(CLI).getDeclaredConstructor();
    c.setAccessible(true);
    Tool cli = (Tool) c.newInstance();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int code;
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = ToolRunner.run(new Configuration(conf), cli, new String[] {"-threshold", String.valueOf(thresholdPercent)});
    } catch (Exception e) {
      failure = e.toString();
      throw e;
    } finally {
      System.setOut(stdout);
    }
    LOG.info("Balancer run ended with {}:\n{}", name(code), printed.toString(StandardCharsets.UTF_8));
    synchronized (exits) {
      exits.add(name(code));
    }
  }

  private static String name(int code) {
    for (ExitStatus s : ExitStatus.values()) {
      if (s.getExitCode() == code) {
        return s.name();
      }
    }
    return "exit " + code;
  }

  /** Stops the loop (a run under way is interrupted, as at its next pause); returns each run's exit status. */
  List<String> stop() throws InterruptedException {
    runs.stop();
    synchronized (exits) {
      return new ArrayList<>(exits);
    }
  }

  /** The last exception a run ended with, or null. */
  String failure() {
    return failure;
  }

  static Map<String, Object> json(List<String> exits, String failure, int thresholdPercent) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold_percent", thresholdPercent);
    m.put("runs", exits.size());
    m.put("exit_statuses", exits);
    m.put("failure", failure);
    return m;
  }
}
