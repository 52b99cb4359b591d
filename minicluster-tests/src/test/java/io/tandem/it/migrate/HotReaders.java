package io.tandem.it.migrate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Concurrent readers reading one file over and over until closed: from start to end, or (with a block size) one
 * whole block at a time, chosen at random, so the load spreads evenly over the blocks and whichever DataNodes hold
 * them instead of moving through the file in step.
 */
final class HotReaders implements Closeable {
  private final ExecutorService pool;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  HotReaders(FileSystem fs, Path file, int readers) {
    this(fs, file, readers, 0);
  }

  /** @param blockSize above 0: each read is one random whole block of the file */
  HotReaders(FileSystem fs, Path file, int readers, long blockSize) {
    pool = Executors.newFixedThreadPool(readers, r -> {
      Thread t = new Thread(r, "hot-reader");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < readers; i++) {
      long seed = i;
      pool.execute(() -> {
        if (blockSize > 0) {
          readBlocksUntilClosed(fs, file, blockSize, new java.util.Random(seed));
        } else {
          readUntilClosed(fs, file);
        }
      });
    }
  }

  private void readUntilClosed(FileSystem fs, Path file) {
    byte[] buffer = new byte[64 * 1024];
    while (running.get()) {
      try (InputStream in = fs.open(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytesRead.addAndGet(n);
        }
      } catch (IOException | RuntimeException e) {
        if (running.get()) {
          failure.compareAndSet(null, e);
          return;
        }
      }
    }
  }

  private void readBlocksUntilClosed(FileSystem fs, Path file, long blockSize, java.util.Random random) {
    byte[] buffer = new byte[(int) blockSize];
    try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(file)) {
      long length = fs.getFileStatus(file).getLen();
      int blocks = (int) ((length + blockSize - 1) / blockSize);
      while (running.get()) {
        long offset = random.nextInt(blocks) * blockSize;
        int n = (int) Math.min(blockSize, length - offset);
        in.readFully(offset, buffer, 0, n);
        bytesRead.addAndGet(n);
      }
    } catch (IOException | RuntimeException e) {
      if (running.get()) {
        failure.compareAndSet(null, e);
      }
    }
  }

  long bytesRead() {
    return bytesRead.get();
  }

  /** The first read that failed while the readers were meant to run, or null. */
  Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    running.set(false);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
