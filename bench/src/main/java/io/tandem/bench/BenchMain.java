package io.tandem.bench;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shared {@code main} of the benches: --help, options (exit 2 when wrong), run, exit with the bench's code. */
final class BenchMain {
  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

  /** A bench made from its parsed options. */
  interface Bench {
    /** Runs the bench; returns the exit code. */
    int run() throws Exception;
  }

  /** Parses the command line into a ready bench; throws IllegalArgumentException for a wrong option. */
  interface Parser {
    Bench parse(String[] args);
  }

  private BenchMain() {}

  static void main(String name, String usage, String[] args, Parser parser) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(usage);
      return;
    }
    Bench bench;
    try {
      bench = parser.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
      return;
    }
    int code;
    try {
      code = bench.run();
    } catch (Exception | Error e) {
      LOG.error("The {} failed", name, e);
      System.err.println(name + " failed: " + e);
      code = 1;
    }
    System.out.flush();
    System.exit(code); // MiniDFSCluster and the local job runner leave non-daemon threads behind
  }
}
