package io.tandem.migrate.load;

import java.util.OptionalDouble;

/**
 * What the load monitor reads from its DataNode, behind an interface so everything computed from it (rates,
 * pattern, reports) is tested without a DataNode. Called from the monitor's thread only.
 */
public interface LoadProbe {
  /** Cumulative bytes and block operations read and written. */
  ActivityTotals totals();

  /** DataXceiver threads serving transfers now. */
  int xceivers();

  /** Threads busy with transfers now: xceivers, packet responders of write pipelines, block recovery workers. */
  int transferThreads();

  /** Mean disk I/O latency in milliseconds over the DataNode's current profiling window; empty when not profiled. */
  OptionalDouble ioLatencyMs();
}
