package io.tandem.migrate.load.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The tap on the real log4j (reload4j) of this JVM: reads reach the subscriber of the DataNode that served them, the
 * DEBUG lines never reach appenders that did not see them before, the lines they saw before still reach them, and
 * closing the last subscription puts the logger back as it was.
 */
class ClientTraceTapTest {
  private static final String DN_A = "aaaaaaaa-0000-0000-0000-000000000001";
  private static final String DN_B = "bbbbbbbb-0000-0000-0000-000000000002";

  private final Logger log4j = Logger.getLogger(ClientTraceTap.LOGGER);
  private final org.slf4j.Logger trace = LoggerFactory.getLogger(ClientTraceTap.LOGGER);
  private final Capture daemonLog = new Capture();

  /** An appender that keeps the client-trace lines it is given, standing in for the daemon's log file. */
  static final class Capture extends AppenderSkeleton {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(LoggingEvent event) {
      if (event.getLoggerName().equals(ClientTraceTap.LOGGER)) {
        lines.add(event.getLevel() + " " + event.getRenderedMessage());
      }
    }

    @Override
    public void close() {
    }

    @Override
    public boolean requiresLayout() {
      return false;
    }
  }

  private static String read(String uuid, long blockId) {
    String format = String.format(DataNode.DN_CLIENTTRACE_FORMAT, "/127.0.0.1:9866", "/127.0.0.1:5000", "", "%d",
        "HDFS_READ", "DFSClient_1", "%d", uuid, "BP-1:blk_" + blockId + "_1001", "%d");
    return String.format(format, 4096L, 0L, 10L);
  }

  private static String write(String uuid) {
    return String.format(DataNode.DN_CLIENTTRACE_FORMAT, "/127.0.0.1:5000", "/127.0.0.1:9866", "/d", 99,
        "HDFS_WRITE", "DFSClient_1", 0, uuid, "BP-1:blk_9_1", 10);
  }

  @BeforeEach
  void daemonLogOnTheRoot() {
    daemonLog.setName("daemon-log");
    Logger.getRootLogger().addAppender(daemonLog);
  }

  @AfterEach
  void restoreLog4j() {
    Logger.getRootLogger().removeAppender(daemonLog);
    log4j.removeAllAppenders();
    log4j.setLevel(null);
    log4j.setAdditivity(true);
    LogManager.getLoggerRepository().setThreshold(Level.ALL);
  }

  @Test
  void readsGoToTheirDataNodeAndDebugLinesStayOutOfTheDaemonLog() {
    log4j.setLevel(Level.INFO);
    List<Long> readsA = new CopyOnWriteArrayList<>();
    List<Long> readsB = new CopyOnWriteArrayList<>();
    TraceSubscription a = ClientTraceTap.subscribe(DN_A, r -> readsA.add(r.blockId()));
    TraceSubscription b = ClientTraceTap.subscribe(DN_B, r -> readsB.add(r.blockId()));
    assertTrue(a.receiving(), a.problem());
    assertTrue(b.receiving(), b.problem());
    assertSame(log4j.getAppender(ClientTraceAppender.NAME), log4j.getAppender(ClientTraceAppender.NAME));
    assertTrue(trace.isDebugEnabled());
    assertFalse(log4j.getAdditivity());

    trace.debug(read(DN_A, 11));
    trace.debug(read(DN_B, 22));
    trace.debug(read(DN_A, 11));
    trace.debug(read("someone-else", 33));
    trace.info(write(DN_A));

    assertEquals(List.of(11L, 11L), readsA);
    assertEquals(List.of(22L), readsB);
    assertEquals(List.of("INFO " + write(DN_A)), daemonLog.lines, "the daemon log sees what it saw before, only");

    a.close();
    assertTrue(b.receiving(), "B still subscribed");
    trace.debug(read(DN_A, 11));
    assertEquals(2, readsA.size());
    b.close();

    assertEquals(Level.INFO, log4j.getLevel());
    assertTrue(log4j.getAdditivity());
    assertNull(log4j.getAppender(ClientTraceAppender.NAME));
    assertFalse(trace.isDebugEnabled());
    assertFalse(b.receiving());
  }

  @Test
  void appendersOnTheLoggerItselfKeepTheirOldLevel() {
    Capture own = new Capture();
    own.setName("clienttrace-file");
    log4j.addAppender(own);
    log4j.setLevel(Level.WARN);
    log4j.setAdditivity(false);
    TraceSubscription s = ClientTraceTap.subscribe(DN_A, r -> { });
    assertTrue(s.receiving(), s.problem());
    assertEquals(Level.WARN, own.getThreshold());

    trace.debug(read(DN_A, 1));
    trace.info(write(DN_A));
    trace.warn("disk trouble");
    assertEquals(List.of("WARN disk trouble"), own.lines);
    assertTrue(daemonLog.lines.isEmpty(), "the logger was not additive, so the tap forwards nothing");

    s.close();
    assertNull(own.getThreshold());
    assertEquals(Level.WARN, log4j.getLevel());
    assertFalse(log4j.getAdditivity());
  }

  @Test
  void aLoggerAlreadyAtDebugIsLeftAsItIs() {
    log4j.setLevel(Level.DEBUG);
    List<Long> reads = new CopyOnWriteArrayList<>();
    TraceSubscription s = ClientTraceTap.subscribe(DN_A, r -> reads.add(r.blockId()));
    assertTrue(log4j.getAdditivity());
    trace.debug(read(DN_A, 5));
    assertEquals(List.of(5L), reads);
    assertEquals(List.of("DEBUG " + read(DN_A, 5)), daemonLog.lines, "the operator asked for DEBUG in the log");
    s.close();
    assertEquals(Level.DEBUG, log4j.getLevel());
    assertTrue(log4j.getAdditivity());
  }

  @Test
  void aRepositoryThresholdAboveDebugMakesTheTapInactiveAndLeavesNoTrace() {
    LogManager.getLoggerRepository().setThreshold(Level.INFO);
    TraceSubscription s = ClientTraceTap.subscribe(DN_A, r -> { });
    assertFalse(s.receiving());
    assertTrue(s.problem().contains("log4j.threshold"), s.problem());
    assertNull(log4j.getAppender(ClientTraceAppender.NAME));
    assertNull(log4j.getLevel());
    assertTrue(log4j.getAdditivity());
    s.close();
  }

  @Test
  void aReloadedConfigurationIsNoticedAndNotUndone() {
    TraceSubscription s = ClientTraceTap.subscribe(DN_A, r -> { });
    assertTrue(s.receiving(), s.problem());
    // What PropertyConfigurator does on reload: reset the logger and rebuild it from the file.
    log4j.removeAllAppenders();
    log4j.setLevel(Level.ERROR);
    log4j.setAdditivity(true);
    assertTrue(s.problem().contains("reloaded"), s.problem());
    s.close();
    assertEquals(Level.ERROR, log4j.getLevel());
    assertTrue(log4j.getAdditivity());
  }

  @Test
  void forwardTargetsFollowTheAncestorsAppendersOnRefresh() {
    log4j.setLevel(Level.INFO);
    TraceSubscription s = ClientTraceTap.subscribe(DN_A, r -> { });
    Capture later = new Capture();
    later.setName("added-later");
    Logger.getRootLogger().addAppender(later);
    try {
      s.refresh();
      trace.info(write(DN_A));
      assertEquals(List.of("INFO " + write(DN_A)), later.lines);
      assertEquals(1, daemonLog.lines.stream().filter(l -> l.startsWith("INFO")).collect(Collectors.toList()).size());
    } finally {
      Logger.getRootLogger().removeAppender(later);
      s.close();
    }
  }
}
