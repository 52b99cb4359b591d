package io.tandem.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the readers saw in one scenario: read latency (open to close of a one-block file), throughput, and the share of
 * the bytes read that the hot DataNode served, over the whole load and over its last third (the state the remedy,
 * if any, left).
 */
final class ReadStats {
  final int reads;
  final long failures;
  final double seconds;
  final double mibPerSec;
  final Latencies all;
  final Latencies end;
  final double hotBytesShare;
  final double hotBytesShareEnd;
  final Map<String, Long> bytesByDataNode;
  /** Per {@link #WINDOW_NANOS} of the load: its start in seconds, reads, p50 and p99 in ms. */
  final List<List<Double>> byWindow;

  private static final long WINDOW_NANOS = 5_000_000_000L;

  private ReadStats(int reads, long failures, double seconds, double mibPerSec, Latencies all, Latencies end,
      double hotBytesShare, double hotBytesShareEnd, Map<String, Long> bytesByDataNode, List<List<Double>> byWindow) {
    this.reads = reads;
    this.failures = failures;
    this.seconds = seconds;
    this.mibPerSec = mibPerSec;
    this.all = all;
    this.end = end;
    this.hotBytesShare = hotBytesShare;
    this.hotBytesShareEnd = hotBytesShareEnd;
    this.bytesByDataNode = bytesByDataNode;
    this.byWindow = byWindow;
  }

  static ReadStats of(List<ReadLoad.Read> reads, long elapsedNanos, long failures, String hotUuid) {
    long endFrom = elapsedNanos * 2 / 3;
    long[] allNanos = reads.stream().mapToLong(r -> r.nanos).toArray();
    long[] endNanos = reads.stream().filter(r -> r.endNanos >= endFrom).mapToLong(r -> r.nanos).toArray();
    Map<String, Long> bytes = new TreeMap<>();
    long total = 0;
    for (ReadLoad.Read r : reads) {
      bytes.merge(r.dataNode, r.bytes, Long::sum);
      total += r.bytes;
    }
    return new ReadStats(reads.size(), failures, Units.seconds(elapsedNanos), Units.mibPerSecond(total, elapsedNanos),
        Latencies.ofNanos(allNanos), Latencies.ofNanos(endNanos), hotShare(reads, hotUuid, 0),
        hotShare(reads, hotUuid, endFrom), bytes, windows(reads, elapsedNanos));
  }

  private static List<List<Double>> windows(List<ReadLoad.Read> reads, long elapsedNanos) {
    List<List<Double>> out = new ArrayList<>();
    for (long from = 0; from < elapsedNanos; from += WINDOW_NANOS) {
      long f = from;
      Latencies l = Latencies.ofNanos(reads.stream().filter(r -> r.endNanos >= f && r.endNanos < f + WINDOW_NANOS)
          .mapToLong(r -> r.nanos).toArray());
      out.add(Arrays.asList(Units.round(from / 1e9, 0), (double) l.count, Units.round(l.p50Ms, 1),
          Units.round(l.p99Ms, 1)));
    }
    return out;
  }

  private static double hotShare(List<ReadLoad.Read> reads, String hotUuid, long fromNanos) {
    long hot = 0;
    long total = 0;
    for (ReadLoad.Read r : reads) {
      if (r.endNanos >= fromNanos) {
        total += r.bytes;
        hot += r.dataNode.equals(hotUuid) ? r.bytes : 0;
      }
    }
    return total == 0 ? Double.NaN : (double) hot / total;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reads", reads);
    m.put("failed_reads", failures);
    m.put("seconds", Units.round(seconds, 1));
    m.put("mib_per_s", Units.round(mibPerSec, 2));
    m.put("latency", all.json());
    m.put("latency_last_third", end.json());
    m.put("hot_bytes_share", Units.round(hotBytesShare, 3));
    m.put("hot_bytes_share_last_third", Units.round(hotBytesShareEnd, 3));
    m.put("bytes_by_datanode", bytesByDataNode);
    m.put("by_5s_start_s_reads_p50_ms_p99_ms", byWindow);
    return m;
  }
}
