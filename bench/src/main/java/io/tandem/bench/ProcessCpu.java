package io.tandem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time of this process (user and system, every thread): the whole of both sites, their agents and the bench's
 * clients, since all run here. Per phase it says what each way of moving D costs the machine, not only how long.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU used so far, or -1 where the JVM does not tell. */
  static long nanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  /** Milliseconds the JIT compilers have spent so far, or -1 where the JVM does not tell. */
  static long compileMillis() {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** CPU milliseconds per MiB moved between two readings, NaN when either is unknown. */
  static double msPerMib(long before, long after, long bytes) {
    if (before < 0 || after < 0 || bytes <= 0) {
      return Double.NaN;
    }
    return (after - before) / 1e6 / (bytes / (double) (1 << 20));
  }
}
