package io.tandem.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * One client appending small records to a few files in turn for a while: each append opens the file for append,
 * writes one record and closes it (the close returns once every DataNode of the pipeline acknowledged it), and is
 * timed as a whole. Counts what it appended to each file, so the files can be checked afterwards.
 */
final class Appender {
  private final DistributedFileSystem fs;
  private final List<Path> files;
  private final byte[] record;
  private final long[] appended;
  private long[] nanos = new long[1024];
  private int count;
  private long failures;
  private String firstFailure;

  Appender(DistributedFileSystem fs, List<Path> files, int recordBytes) {
    this.fs = fs;
    this.files = List.copyOf(files);
    this.record = new byte[recordBytes];
    new Random(3).nextBytes(record);
    this.appended = new long[files.size()];
  }

  /** Appends round robin until {@code millis} passed, in this thread. */
  Appender run(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % files.size()) {
      long t0 = System.nanoTime();
      try (FSDataOutputStream out = fs.append(files.get(i))) {
        out.write(record);
      } catch (IOException | RuntimeException e) {
        failures++;
        firstFailure = firstFailure == null ? files.get(i) + ": " + e : firstFailure;
        continue;
      }
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = System.nanoTime() - t0;
      appended[i] += record.length;
    }
    return this;
  }

  Latencies latencies() {
    return Latencies.ofNanos(Arrays.copyOf(nanos, count));
  }

  long failures() {
    return failures;
  }

  String firstFailure() {
    return firstFailure;
  }

  /** Bytes this appender added to the file at {@code index}. */
  long appendedTo(int index) {
    return appended[index];
  }
}
