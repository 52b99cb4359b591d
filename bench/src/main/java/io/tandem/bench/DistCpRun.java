package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one DistCp job did and how long it took, setup and commit included. */
final class DistCpRun {
  final long nanos;
  final long filesCopied;
  final long filesSkipped;
  final long bytesCopied;

  DistCpRun(long nanos, long filesCopied, long filesSkipped, long bytesCopied) {
    this.nanos = nanos;
    this.filesCopied = filesCopied;
    this.filesSkipped = filesSkipped;
    this.bytesCopied = bytesCopied;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", Units.round(Units.seconds(nanos), 3));
    m.put("files_copied", filesCopied);
    m.put("files_skipped", filesSkipped);
    m.put("bytes_copied", bytesCopied);
    return m;
  }
}
