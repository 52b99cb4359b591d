package io.tandem.hadoop.metrics;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.metrics2.MetricsCollector;
import org.apache.hadoop.metrics2.MetricsRecordBuilder;
import org.apache.hadoop.metrics2.MetricsSource;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.metrics2.lib.Interns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metrics2 source publishing a component's health as tags (state, last error) and gauges, so it shows in the
 * hosting daemon's JMX ({@code /jmx}) and metrics sinks even when ZooKeeper is unreachable.
 */
public final class HealthMetricsSource implements MetricsSource {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMetricsSource.class);

  private final String recordName;
  private final Supplier<Map<String, String>> tags;
  private final Supplier<? extends Map<String, ? extends Number>> gauges;

  /**
   * @param gauges whole-number gauges as {@code Long} or {@code Integer}; fractional ones (scores, shares) as
   *     {@code Double}
   */
  public HealthMetricsSource(String recordName, Supplier<Map<String, String>> tags,
      Supplier<? extends Map<String, ? extends Number>> gauges) {
    this.recordName = recordName;
    this.tags = tags;
    this.gauges = gauges;
  }

  @Override
  public void getMetrics(MetricsCollector collector, boolean all) {
    MetricsRecordBuilder rb = collector.addRecord(recordName).setContext("tandem");
    for (Map.Entry<String, String> t : tags.get().entrySet()) {
      rb.tag(Interns.info(t.getKey(), t.getKey()), t.getValue() == null ? "" : t.getValue());
    }
    for (Map.Entry<String, ? extends Number> g : gauges.get().entrySet()) {
      Number value = g.getValue();
      if (value instanceof Double || value instanceof Float) {
        rb.addGauge(Interns.info(g.getKey(), g.getKey()), value.doubleValue());
      } else {
        rb.addGauge(Interns.info(g.getKey(), g.getKey()), value.longValue());
      }
    }
  }

  /**
   * Registers the source under {@code name} with the daemon's metrics system; returns the name to unregister,
   * or null if registration failed (metrics are best effort and never stop a plugin).
   */
  public String register(String name, String description) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    try {
      DefaultMetricsSystem.instance().register(safe, description, this);
      return safe;
    } catch (RuntimeException e) {
      LOG.warn("Could not register metrics source {}: {}", safe, e.toString());
      return null;
    }
  }

  public static void unregister(String name) {
    if (name == null) {
      return;
    }
    try {
      DefaultMetricsSystem.instance().unregisterSource(name);
    } catch (RuntimeException e) {
      LOG.debug("Could not unregister metrics source {}: {}", name, e.toString());
    }
  }
}
