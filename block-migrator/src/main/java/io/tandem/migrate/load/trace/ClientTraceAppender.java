package io.tandem.migrate.load.trace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.log4j.Appender;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;

/**
 * The one appender on the client-trace logger, shared by every DataNode in the process (a MiniDFSCluster runs
 * several): it parses each client-read line once and hands it to the subscriber of the DataNode that served it.
 * Found again through the logger by its {@link #NAME}, so the process needs no registry of its own.
 *
 * <p>It runs on the DataNode's transfer threads under the logger's lock, so it never logs, never blocks and never
 * throws: a failing subscriber is counted in {@link #failures()}. When the logger was lowered to DEBUG with its
 * additivity switched off (see {@link LoggerPatch}), it also forwards the events at or above the old level to the
 * ancestors' appenders, as the logger did itself before. Those appenders are snapshotted off the logging path
 * ({@link #forwardTo}), because asking the ancestors for them here would take their locks while holding this
 * logger's, the reverse of the order log4j's reconfiguration takes them in.
 */
final class ClientTraceAppender extends AppenderSkeleton {
  static final String NAME = "tandem-clienttrace";

  private final Map<String, Consumer<ClientTraceRead>> sinks = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final LoggerPatch patch;
  private volatile List<Appender> forwardTargets;

  ClientTraceAppender(LoggerPatch patch, List<Appender> forwardTargets) {
    this.patch = patch;
    this.forwardTargets = forwardTargets;
    setName(NAME);
  }

  @Override
  protected void append(LoggingEvent event) {
    try {
      if (patch.forwards() && event.getLevel().isGreaterOrEqual(patch.originalEffectiveLevel())) {
        for (Appender a : forwardTargets) {
          a.doAppend(event);
        }
      }
      String message = event.getRenderedMessage();
      if (!ClientTraceLines.isRead(message)) {
        return;
      }
      ClientTraceRead read = ClientTraceLines.parseRead(message);
      Consumer<ClientTraceRead> sink = read == null ? null : sinks.get(read.datanodeUuid());
      if (sink != null) {
        sink.accept(read);
      }
    } catch (RuntimeException e) {
      failures.incrementAndGet();
    }
  }

  void forwardTo(List<Appender> targets) {
    this.forwardTargets = targets;
  }

  void addSink(String datanodeUuid, Consumer<ClientTraceRead> sink) {
    sinks.put(datanodeUuid, sink);
  }

  /** Removes the sink if it is still the DataNode's; true when no sink is left. */
  boolean removeSink(String datanodeUuid, Consumer<ClientTraceRead> sink) {
    sinks.remove(datanodeUuid, sink);
    return sinks.isEmpty();
  }

  LoggerPatch patch() {
    return patch;
  }

  /** Events a subscriber or a forward target failed on. */
  long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean requiresLayout() {
    return false;
  }
}
