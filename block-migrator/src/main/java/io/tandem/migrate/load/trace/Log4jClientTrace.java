package io.tandem.migrate.load.trace;

import java.util.List;
import java.util.function.Consumer;
import org.apache.log4j.Appender;
import org.apache.log4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log4j side of {@link ClientTraceTap}: subscribing attaches the shared {@link ClientTraceAppender} to the
 * client-trace logger (patching the logger as {@link LoggerPatch} says) unless another DataNode of this process did
 * already; the last subscription to close removes the appender and restores the logger. Only loaded once the
 * backend is known to be log4j.
 */
final class Log4jClientTrace implements TraceSubscription {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Log4jClientTrace.class);

  private final Logger logger;
  private final ClientTraceAppender appender;
  private final String datanodeUuid;
  private final Consumer<ClientTraceRead> sink;
  private final org.slf4j.Logger traceLog;
  private volatile boolean closed;

  private Log4jClientTrace(Logger logger, ClientTraceAppender appender, String datanodeUuid,
      Consumer<ClientTraceRead> sink, org.slf4j.Logger traceLog) {
    this.logger = logger;
    this.appender = appender;
    this.datanodeUuid = datanodeUuid;
    this.sink = sink;
    this.traceLog = traceLog;
  }

  static TraceSubscription subscribe(String datanodeUuid, Consumer<ClientTraceRead> sink, org.slf4j.Logger traceLog) {
    Logger logger = Logger.getLogger(ClientTraceTap.LOGGER);
    List<Appender> ancestors = LoggerPatch.ancestorAppenders(logger);
    ClientTraceAppender appender;
    boolean attached = false;
    // No logging inside: it would take other loggers' locks while holding this one's.
    synchronized (logger) {
      Appender existing = logger.getAppender(ClientTraceAppender.NAME);
      if (existing == null) {
        appender = new ClientTraceAppender(LoggerPatch.apply(logger), ancestors);
        logger.addAppender(appender);
        attached = true;
      } else if (existing instanceof ClientTraceAppender) {
        appender = (ClientTraceAppender) existing;
      } else {
        return TraceSubscription.inactive("an appender named " + ClientTraceAppender.NAME
            + " from another class loader already taps the client-trace log");
      }
      appender.addSink(datanodeUuid, sink);
    }
    if (attached) {
      LOG.info("Tapped the client-trace log to count hot blocks: {}", appender.patch());
    }
    Log4jClientTrace subscription = new Log4jClientTrace(logger, appender, datanodeUuid, sink, traceLog);
    if (!traceLog.isDebugEnabled()) {
      subscription.close();
      return TraceSubscription.inactive("the log4j threshold (log4j.threshold) keeps the client-trace logger"
          + " above DEBUG, where Hadoop 3.4 logs reads");
    }
    return subscription;
  }

  @Override
  public boolean receiving() {
    return problem() == null;
  }

  @Override
  public String problem() {
    if (closed) {
      return "closed";
    }
    if (logger.getAppender(ClientTraceAppender.NAME) != appender) {
      return "the log4j configuration was reloaded and dropped the tap";
    }
    if (!traceLog.isDebugEnabled()) {
      return "the client-trace logger was set above DEBUG, where Hadoop 3.4 logs reads";
    }
    return null;
  }

  @Override
  public void refresh() {
    if (!closed && appender.patch().forwards()) {
      appender.forwardTo(LoggerPatch.ancestorAppenders(logger));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean restored;
    synchronized (logger) {
      if (!appender.removeSink(datanodeUuid, sink)) {
        return;
      }
      // Still ours unless the configuration was reloaded meanwhile; only then are the old settings right to restore.
      restored = logger.getAppender(ClientTraceAppender.NAME) == appender;
      if (restored) {
        logger.removeAppender(appender);
        appender.patch().restore();
      }
      appender.close();
    }
    LOG.info("Detached from the client-trace log ({}; {} events failed while attached)",
        restored ? "logger restored" : "the reloaded log configuration already replaced it", appender.failures());
  }
}
