package io.tandem.it.mirror;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.server.namenode.AuditLogger;

/**
 * A NameNode audit logger (set in {@code dfs.namenode.audit.loggers}) that runs a test's action once, right after
 * the NameNode answered a read of one path's status and before the caller hears the answer: the caller then acts
 * on a status the namespace no longer matches, deterministically. The NameNode calls it on its handler thread, so
 * the action may make calls of its own to the NameNode.
 */
public final class StatusReadHook implements AuditLogger {
  /** What to do after the next status read of which path. */
  interface Action {
    void run() throws Exception;
  }

  private static final class Armed {
    final String path;
    final Action action;

    Armed(String path, Action action) {
      this.path = path;
      this.action = action;
    }
  }

  // The NameNode instantiates the logger itself, so the test reaches it through a static; only tests arm it.
  private static final AtomicReference<Armed> ARMED = new AtomicReference<>();
  private static final AtomicReference<String> OUTCOME = new AtomicReference<>();

  /** Runs {@code action} after the next successful status read of {@code path}. */
  static void arm(String path, Action action) {
    OUTCOME.set(null);
    ARMED.set(new Armed(path, action));
  }

  /** Null while armed and not fired; "ran" once the action ran, or why it failed. */
  static String outcome() {
    return OUTCOME.get();
  }

  static void disarm() {
    ARMED.set(null);
  }

  @Override
  public void initialize(Configuration conf) {
  }

  @Override
  public void logAuditEvent(boolean succeeded, String userName, InetAddress addr, String cmd, String src, String dst,
      FileStatus stat) {
    Armed a = ARMED.get();
    if (a == null || !succeeded || !"getfileinfo".equals(cmd) || !a.path.equals(src) || !ARMED.compareAndSet(a, null)) {
      return;
    }
    try {
      a.action.run();
      OUTCOME.set("ran");
    } catch (Exception e) {
      OUTCOME.set("failed: " + e);
    }
  }
}
