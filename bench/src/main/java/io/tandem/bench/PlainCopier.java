package io.tandem.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * The reference for the graded rounds: what copying each file to site-b right after its close costs with nothing
 * of Tandem's, only a plain HDFS client reading it on site-a and writing it on site-b ({@value #THREADS} files at a
 * time, 1 MiB buffers, straight to the final name). Every mirror has to do at least this; what a round's mirror
 * falls short of the ceiling by beyond what this falls short is the mirror's own cost, the rest is the machine's.
 */
final class PlainCopier {
  static final int THREADS = 4;
  private static final int BUFFER = 1 << 20;

  /** The data set written on site-a while each file was copied to site-b as it closed. */
  static final class Result {
    final DataSetWriter.Pass written;
    final long lastCopiedNanos;

    Result(DataSetWriter.Pass written, long lastCopiedNanos) {
      this.written = written;
      this.lastCopiedNanos = lastCopiedNanos;
    }

    /** First byte written to last file copied. */
    long nanos() {
      return lastCopiedNanos - written.startNanos;
    }

    double mibPerSecond() {
      return Units.mibPerSecond(written.bytes, nanos());
    }
  }

  private PlainCopier() {}

  /** Writes the data set under {@code dir} on {@code source} and copies each file to {@code dir} on {@code target}. */
  static Result run(FileSystem source, FileSystem target, DataSet dataSet, Path dir)
      throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "bench-plain-copier");
      t.setDaemon(true);
      return t;
    });
    AtomicLong lastCopied = new AtomicLong();
    List<Future<?>> copies = new ArrayList<>();
    try {
      DataSetWriter.Pass written = new DataSetWriter(source, dataSet).write(dir, 0,
          (rel, length, closedNanos) -> copies.add(pool.submit(() -> {
            copy(source, target, new Path(dir, rel));
            lastCopied.accumulateAndGet(System.nanoTime(), Math::max);
            return null;
          })));
      for (Future<?> f : copies) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("the plain copy failed: " + e.getCause(), e.getCause());
        }
      }
      return new Result(written, lastCopied.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void copy(FileSystem source, FileSystem target, Path path) throws IOException {
    try (FSDataInputStream in = source.open(path); FSDataOutputStream out = target.create(path, true)) {
      IOUtils.copyBytes(in, out, BUFFER, false);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }
}
