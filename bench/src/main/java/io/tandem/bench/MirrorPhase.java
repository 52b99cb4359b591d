package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One phase of writing on the sending site while the receiving site is watched for the files to arrive. */
final class MirrorPhase {
  /** A lag growing faster than this over a phase means the mirror fell behind the writer. */
  static final double KEPT_UP_MAX_TREND_MS_PER_S = 50;

  final String name;
  final DataSetWriter.Pass written;
  final List<ArrivalTracker.Arrival> arrivals;
  /** True when every file arrived within the phase timeout. */
  final boolean complete;
  /** Up to a few files still missing when the phase gave up; empty when complete. */
  final List<String> missing;
  /** Requests the receiving agent applied during the phase. */
  final long requestsApplied;
  final String senderStatus;
  final String receiverStatus;
  final LagSummary lag;

  MirrorPhase(String name, DataSetWriter.Pass written, List<ArrivalTracker.Arrival> arrivals, boolean complete,
      List<String> missing, long requestsApplied, String senderStatus, String receiverStatus) {
    this.name = name;
    this.written = written;
    this.arrivals = arrivals;
    this.complete = complete;
    this.missing = missing;
    this.requestsApplied = requestsApplied;
    this.senderStatus = senderStatus;
    this.receiverStatus = receiverStatus;
    this.lag = LagSummary.of(arrivals);
  }

  /** When the last file was complete on the receiving site. */
  long lastArrivalNanos() {
    return arrivals.stream().mapToLong(a -> a.arrivedNanos).max().orElse(written.endNanos);
  }

  /** From the first byte written on the sending site to the last file complete on the receiving site. */
  long mirroredNanos() {
    return lastArrivalNanos() - written.startNanos;
  }

  /** Bytes over {@link #mirroredNanos()}; only meaningful when complete. */
  double mirroredMibPerSecond() {
    return Units.mibPerSecond(written.bytes, mirroredNanos());
  }

  /**
   * How fast the lag grew over the phase: the least-squares slope of lag against close time, in milliseconds of
   * lag per second. About 0 when the mirror keeps up with the writer; when it does not, the backlog and so the lag
   * grow for as long as the load lasts.
   */
  double lagTrendMsPerSecond() {
    int n = arrivals.size();
    if (n < 2) {
      return 0;
    }
    long t0 = arrivals.stream().mapToLong(a -> a.closedNanos).min().orElse(0);
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (ArrivalTracker.Arrival a : arrivals) {
      double x = Units.seconds(a.closedNanos - t0);
      double y = Units.millis(a.lagNanos());
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double denominator = n * sxx - sx * sx;
    return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
  }

  /** True when every file arrived and the lag did not keep growing: the mirror sustained the writer's rate. */
  boolean keptUp() {
    return complete && lagTrendMsPerSecond() <= KEPT_UP_MAX_TREND_MS_PER_S;
  }

  /** From the last close on the sending site to the last file complete on the receiving site. */
  long drainNanos() {
    return Math.max(0, lastArrivalNanos() - written.endNanos);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", written.files);
    m.put("bytes", written.bytes);
    m.put("complete", complete);
    if (!complete) {
      m.put("missing", missing);
    }
    m.put("write_seconds", Units.round(Units.seconds(written.nanos()), 3));
    m.put("write_mib_per_s", Units.round(written.mibPerSecond(), 1));
    m.put("mirrored_seconds", Units.round(Units.seconds(mirroredNanos()), 3));
    m.put("mirrored_mib_per_s", Units.round(mirroredMibPerSecond(), 1));
    m.put("drain_after_last_close_ms", Units.round(Units.millis(drainNanos()), 1));
    m.put("lag", lag.json());
    m.put("lag_trend_ms_per_s", Units.round(lagTrendMsPerSecond(), 1));
    m.put("kept_up", keptUp());
    m.put("requests_applied_by_receiver", requestsApplied);
    m.put("lags_ms_in_close_order", arrivals.stream().sorted(java.util.Comparator.comparingLong(a -> a.closedNanos))
        .map(a -> Math.round(Units.millis(a.lagNanos()))).collect(java.util.stream.Collectors.toList()));
    m.put("sender_status", senderStatus);
    m.put("receiver_status", receiverStatus);
    return m;
  }
}
