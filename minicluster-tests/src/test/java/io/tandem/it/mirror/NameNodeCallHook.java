package io.tandem.it.mirror;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.server.namenode.AuditLogger;

/**
 * A NameNode audit logger (set in {@code dfs.namenode.audit.loggers}) that runs a test's action once, right after
 * the NameNode carried out a given call on a given path and before the caller hears the answer: the caller then
 * goes on from a namespace that has moved under it, deterministically. The NameNode calls it on its handler
 * thread, so the action may make calls of its own to the NameNode.
 */
public final class NameNodeCallHook implements AuditLogger {
  /** What to do after the call. */
  interface Action {
    void run() throws Exception;
  }

  private static final class Armed {
    final String command;
    final String path;
    final Action action;

    Armed(String command, String path, Action action) {
      this.command = command;
      this.path = path;
      this.action = action;
    }

    /** The audit log's command names carry options after the call's name ("rename (options=[OVERWRITE])"). */
    boolean matches(String cmd, String src, String dst) {
      return cmd != null && (cmd.equals(command) || cmd.startsWith(command + " "))
          && (path.equals(src) || path.equals(dst));
    }
  }

  // The NameNode instantiates the logger itself, so the test reaches it through a static; only tests arm it.
  private static final AtomicReference<Armed> ARMED = new AtomicReference<>();
  private static final AtomicReference<String> OUTCOME = new AtomicReference<>();

  /**
   * Runs {@code action} after the next successful {@code command} (the audit log's name of the call, such as
   * getfileinfo or rename) that names {@code path} as its source or destination.
   */
  static void arm(String command, String path, Action action) {
    OUTCOME.set(null);
    ARMED.set(new Armed(command, path, action));
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
    if (a == null || !succeeded || !a.matches(cmd, src, dst) || !ARMED.compareAndSet(a, null)) {
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
