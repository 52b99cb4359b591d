package io.tandem.migrate.plan;

import io.tandem.coord.record.LoadReport;
import java.util.Objects;

/** One DataNode's latest load report, with the rack the NameNode's topology puts it on. */
public final class NodeLoad {
  private final String datanodeUuid;
  private final String rack;
  private final double xceivers;
  private final long bytesReadPerSec;
  private final long bytesWrittenPerSec;
  private final double ioLatencyMs;
  private final long reportSequence;
  private final long reportAtMs;

  public NodeLoad(String datanodeUuid, String rack, double xceivers, long bytesReadPerSec, long bytesWrittenPerSec,
      double ioLatencyMs, long reportSequence, long reportAtMs) {
    this.datanodeUuid = Objects.requireNonNull(datanodeUuid, "datanodeUuid");
    this.rack = Objects.requireNonNull(rack, "rack");
    if (!(xceivers >= 0) || Double.isInfinite(xceivers) || bytesReadPerSec < 0 || bytesWrittenPerSec < 0
        || !(ioLatencyMs >= 0) || Double.isInfinite(ioLatencyMs)) {
      throw new IllegalArgumentException("load of " + datanodeUuid + " must be finite and >= 0: xceivers " + xceivers
          + ", read " + bytesReadPerSec + " B/s, written " + bytesWrittenPerSec + " B/s, latency " + ioLatencyMs
          + " ms");
    }
    this.xceivers = xceivers;
    this.bytesReadPerSec = bytesReadPerSec;
    this.bytesWrittenPerSec = bytesWrittenPerSec;
    this.ioLatencyMs = ioLatencyMs;
    this.reportSequence = reportSequence;
    this.reportAtMs = reportAtMs;
  }

  /** The load components of a published report; the report carries no rack, the topology does. */
  public static NodeLoad fromReport(LoadReport report, String rack) {
    return new NodeLoad(report.datanodeUuid, rack, report.xceivers, report.bytesReadPerSec,
        report.bytesWrittenPerSec, report.ioLatencyMs, report.sequence, report.atMs);
  }

  public String datanodeUuid() {
    return datanodeUuid;
  }

  public String rack() {
    return rack;
  }

  /** Active transfers (DataXceiver threads), averaged over the report's interval. */
  public double xceivers() {
    return xceivers;
  }

  public long bytesReadPerSec() {
    return bytesReadPerSec;
  }

  public long bytesWrittenPerSec() {
    return bytesWrittenPerSec;
  }

  /** Bytes read plus bytes written per second: each of them crosses both the network and the disks. */
  public double throughputBytesPerSec() {
    return (double) bytesReadPerSec + bytesWrittenPerSec;
  }

  public double ioLatencyMs() {
    return ioLatencyMs;
  }

  public long reportSequence() {
    return reportSequence;
  }

  public long reportAtMs() {
    return reportAtMs;
  }

  @Override
  public String toString() {
    return datanodeUuid + "@" + rack + " #" + reportSequence + " (xc " + xceivers + ", r " + bytesReadPerSec
        + " B/s, w " + bytesWrittenPerSec + " B/s, io " + ioLatencyMs + " ms)";
  }
}
