package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one Tandem ship did, from its own counters, and how long it took from being issued. */
final class ShipMeasure {
  /** Issuing the ship (the CLI request) until the peer committed the snapshot. */
  final long nanos;
  /** Issuing the ship until its first content byte passed the limiter; -1 when nothing was sent. */
  final long firstByteNanos;
  final long bytesSent;
  final long filesSent;
  final long appends;
  final long fullCopies;

  ShipMeasure(long nanos, long firstByteNanos, long bytesSent, long filesSent, long appends, long fullCopies) {
    this.nanos = nanos;
    this.firstByteNanos = firstByteNanos;
    this.bytesSent = bytesSent;
    this.filesSent = filesSent;
    this.appends = appends;
    this.fullCopies = fullCopies;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", Units.round(Units.seconds(nanos), 3));
    m.put("first_byte_seconds", firstByteNanos < 0 ? null : Units.round(Units.seconds(firstByteNanos), 3));
    m.put("bytes_sent", bytesSent);
    m.put("files_sent", filesSent);
    m.put("appends", appends);
    m.put("full_copies", fullCopies);
    return m;
  }
}
