package io.tandem.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A tree of many empty files, {@value #PER_DIR} a directory, made the same on several file systems at once by a few
 * threads (each file on every file system before the next), stopping early at a deadline.
 */
final class EmptyFileTree {
  static final int PER_DIR = 1000;

  private final Path root;
  private final List<FileSystem> sites;

  EmptyFileTree(Path root, List<FileSystem> sites) {
    this.root = root;
    this.sites = List.copyOf(sites);
  }

  static Path file(Path root, int i) {
    return new Path(new Path(root, String.format(Locale.ROOT, "d%04d", i / PER_DIR)),
        String.format(Locale.ROOT, "f%07d", i));
  }

  /** Creates files 0 .. wanted-1 until the deadline (System.nanoTime()); returns how many exist on every site. */
  int create(int wanted, int threads, long deadlineNanos) throws IOException, InterruptedException {
    for (FileSystem fs : sites) {
      for (int d = 0; d * PER_DIR < wanted; d++) {
        fs.mkdirs(file(root, d * PER_DIR).getParent());
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger stoppedAt = new AtomicInteger(wanted);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < stoppedAt.get(); i = next.getAndIncrement()) {
            if (System.nanoTime() > deadlineNanos) {
              stoppedAt.accumulateAndGet(i, Math::min);
              return null;
            }
            for (FileSystem fs : sites) {
              fs.create(file(root, i), true).close();
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("creating empty files under " + root + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    int made = stoppedAt.get();
    // Files at or past the cut may exist where a worker was ahead of the one that stopped: remove them.
    for (FileSystem fs : sites) {
      for (int i = made; i < Math.min(wanted, next.get()); i++) {
        fs.delete(file(root, i), false);
      }
    }
    return made;
  }
}
