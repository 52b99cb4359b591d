package io.tandem.migrate.load.trace;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.log4j.Appender;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Category;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.Priority;

/**
 * What the tap changes on the client-trace logger, and how to undo it. The logger must pass DEBUG events, yet every
 * appender that was there before must see exactly what it saw before:
 *
 * <ul>
 *   <li>a logger already at DEBUG or finer is left alone;</li>
 *   <li>otherwise its level drops to DEBUG, each appender attached to it directly gets a threshold at the old
 *       effective level (unless its own is higher), and its additivity is switched off, so the new DEBUG lines
 *       stay out of the ancestors' appenders (the daemon's log files). While additivity is off the tap itself
 *       forwards the events at or above the old effective level to the appenders the ancestors had (see
 *       {@link ClientTraceAppender}), so the lines the daemon logged before (writes, short-circuit grants) are still
 *       logged where they were.</li>
 * </ul>
 *
 * {@link #apply} and {@link #restore} run under the logger's lock.
 */
final class LoggerPatch {
  private final Logger logger;
  private final boolean lowered;
  private final Level originalLevel;
  private final boolean originalAdditivity;
  private final Level originalEffectiveLevel;
  private final Map<AppenderSkeleton, Priority> originalThresholds;

  private LoggerPatch(Logger logger, boolean lowered, Level originalLevel, boolean originalAdditivity,
      Level originalEffectiveLevel, Map<AppenderSkeleton, Priority> originalThresholds) {
    this.logger = logger;
    this.lowered = lowered;
    this.originalLevel = originalLevel;
    this.originalAdditivity = originalAdditivity;
    this.originalEffectiveLevel = originalEffectiveLevel;
    this.originalThresholds = originalThresholds;
  }

  /** Opens the logger to DEBUG as described above; the caller holds the logger's lock. */
  static LoggerPatch apply(Logger logger) {
    Level effective = logger.getEffectiveLevel();
    if (Level.DEBUG.isGreaterOrEqual(effective)) {
      return new LoggerPatch(logger, false, logger.getLevel(), logger.getAdditivity(), effective, Map.of());
    }
    Map<AppenderSkeleton, Priority> thresholds = new IdentityHashMap<>();
    for (Enumeration<?> e = logger.getAllAppenders(); e.hasMoreElements();) {
      Object a = e.nextElement();
      if (a instanceof AppenderSkeleton) {
        AppenderSkeleton skeleton = (AppenderSkeleton) a;
        Priority threshold = skeleton.getThreshold();
        thresholds.put(skeleton, threshold);
        if (threshold == null || !threshold.isGreaterOrEqual(effective)) {
          skeleton.setThreshold(effective);
        }
      }
    }
    LoggerPatch patch = new LoggerPatch(logger, true, logger.getLevel(), logger.getAdditivity(), effective,
        thresholds);
    logger.setLevel(Level.DEBUG);
    logger.setAdditivity(false);
    return patch;
  }

  /** Puts level, additivity and thresholds back as they were; the caller holds the logger's lock. */
  void restore() {
    if (!lowered) {
      return;
    }
    logger.setAdditivity(originalAdditivity);
    logger.setLevel(originalLevel);
    for (Map.Entry<AppenderSkeleton, Priority> t : originalThresholds.entrySet()) {
      t.getKey().setThreshold(t.getValue());
    }
  }

  /** Whether events the daemon used to log through the ancestors must be forwarded to them by the tap. */
  boolean forwards() {
    return lowered && originalAdditivity;
  }

  /** The level from which events used to pass the logger. */
  Level originalEffectiveLevel() {
    return originalEffectiveLevel;
  }

  /** True when the logger's level and additivity were changed. */
  boolean lowered() {
    return lowered;
  }

  /**
   * The appenders an additive event of {@code logger} reaches through its ancestors, walking up as log4j does until
   * an ancestor that is not additive. Takes each ancestor's lock in turn: call it holding no log4j lock.
   */
  static List<Appender> ancestorAppenders(Logger logger) {
    List<Appender> out = new ArrayList<>();
    for (Category c = logger.getParent(); c != null; c = c.getParent()) {
      for (Enumeration<?> e = c.getAllAppenders(); e.hasMoreElements();) {
        out.add((Appender) e.nextElement());
      }
      if (!c.getAdditivity()) {
        break;
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return lowered ? "client-trace logger lowered from " + originalEffectiveLevel + " to DEBUG, additivity "
        + originalAdditivity + " -> false" : "client-trace logger already at " + originalEffectiveLevel;
  }
}
