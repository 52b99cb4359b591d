package io.tandem.bench;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes a {@link DataSet} (or appends to some of its files) through one client, as one application would. */
final class DataSetWriter {
  /** Bytes handed to the stream at a time; also the granularity of pacing. */
  static final int CHUNK = 1024 * 1024;

  /** Told of each file right after its close returned. */
  interface CloseListener {
    void closed(String relativePath, long length, long closedNanos);
  }

  /** What one pass wrote and when. */
  static final class Pass {
    final long startNanos;
    final long endNanos;
    final long bytes;
    final int files;

    Pass(long startNanos, long endNanos, long bytes, int files) {
      this.startNanos = startNanos;
      this.endNanos = endNanos;
      this.bytes = bytes;
      this.files = files;
    }

    long nanos() {
      return endNanos - startNanos;
    }

    double mibPerSecond() {
      return Units.mibPerSecond(bytes, nanos());
    }
  }

  private final FileSystem fs;
  private final DataSet set;

  DataSetWriter(FileSystem fs, DataSet set) {
    this.fs = fs;
    this.set = set;
  }

  /** Writes every file of the data set under {@code root} at {@code mibPerSecond} (0: as fast as it goes). */
  Pass write(Path root, double mibPerSecond, CloseListener listener) throws IOException, InterruptedException {
    byte[] content = set.content();
    Pacer pacer = Pacer.startingNow(mibPerSecond);
    long start = System.nanoTime();
    long written = 0;
    for (DataSet.DataFile f : set.files()) {
      try (FSDataOutputStream out = fs.create(new Path(root, f.path), true)) {
        for (int off = 0; off < f.bytes; off += CHUNK) {
          pacer.awaitSchedule(written);
          int n = Math.min(CHUNK, f.bytes - off);
          out.write(content, f.contentOffset + off, n);
          written += n;
        }
      }
      listener.closed(f.path, f.bytes, System.nanoTime());
    }
    return new Pass(start, System.nanoTime(), written, set.files().size());
  }

  /** Appends {@code bytes} to each of {@code files} (files of the data set already written under {@code root}). */
  Pass append(Path root, List<DataSet.DataFile> files, int bytes, CloseListener listener) throws IOException {
    byte[] content = set.content();
    long start = System.nanoTime();
    long written = 0;
    for (DataSet.DataFile f : files) {
      try (FSDataOutputStream out = fs.append(new Path(root, f.path))) {
        for (int off = 0; off < bytes; off += CHUNK) {
          int n = Math.min(CHUNK, bytes - off);
          out.write(content, (f.contentOffset + f.bytes / 2 + off) % (content.length - n), n);
          written += n;
        }
      }
      listener.closed(f.path, (long) f.bytes + bytes, System.nanoTime());
    }
    return new Pass(start, System.nanoTime(), written, files.size());
  }
}
