package io.tandem.migrate.load.trace;

import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the client reads a DataNode serves, taken from its client-trace log: HDFS keeps no per-block read
 * counter, but every served read request ends in one {@code op: HDFS_READ} line on the logger
 * {@value #LOGGER}, naming the block, the bytes and the serving DataNode.
 *
 * <p>In Hadoop 3.4 that line is logged at DEBUG (and only when the logger is enabled at INFO is the line formatted at
 * all), so the tap needs the logger at DEBUG. With log4j (reload4j 1.2, as Hadoop 3.4 ships) as the logging backend,
 * {@link Log4jClientTrace} attaches an appender to that logger and, when the logger was less verbose than DEBUG,
 * lowers it to DEBUG without letting the extra lines reach the daemon's log files; see there. With any other backend
 * nothing is attached: the subscription is inactive and says why ({@link TraceSubscription#problem()}), which the
 * load monitor logs once as a WARN, and the load report lists no hot blocks.
 */
public final class ClientTraceTap {
  /** {@code DataNode.CLIENT_TRACE_LOG}. */
  public static final String LOGGER = "org.apache.hadoop.hdfs.server.datanode.DataNode.clienttrace";
  /** slf4j's log4j bindings: slf4j-reload4j and slf4j-log4j12. */
  private static final Set<String> LOG4J_ADAPTERS = Set.of("org.slf4j.impl.Reload4jLoggerAdapter",
      "org.slf4j.impl.Log4jLoggerAdapter");

  private ClientTraceTap() {
  }

  /**
   * Subscribes {@code sink} to the reads served by the DataNode {@code datanodeUuid}. Never throws: a backend that
   * cannot be tapped gives an inactive subscription saying why. The sink runs on the DataNode's transfer
   * threads, under the logger's lock: it must be quick and must not log.
   */
  public static TraceSubscription subscribe(String datanodeUuid, Consumer<ClientTraceRead> sink) {
    Logger traceLog = LoggerFactory.getLogger(LOGGER);
    String binding = traceLog.getClass().getName();
    TraceSubscription subscription;
    if (!LOG4J_ADAPTERS.contains(binding)) {
      subscription = TraceSubscription.inactive("the DataNode logs through " + binding
          + ", not log4j, so its client-trace reads cannot be tapped");
    } else {
      try {
        subscription = Log4jClientTrace.subscribe(datanodeUuid, sink, traceLog);
      } catch (RuntimeException | LinkageError e) {
        subscription = TraceSubscription.inactive("the client-trace log could not be tapped: " + e);
      }
    }
    return subscription;
  }
}
