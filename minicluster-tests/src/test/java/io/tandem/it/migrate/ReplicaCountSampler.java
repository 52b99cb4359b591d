package io.tandem.it.migrate;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;

/**
 * Samples the live replica count of every block of a file, continuously, keeping the lowest seen. A writer's own
 * commit is left out ({@link #excluding}): when an append closes, the NameNode completes the block on the first
 * replica's report and lists the others as their reports arrive, milliseconds later, a dip HDFS shows with or
 * without any move.
 */
final class ReplicaCountSampler implements Closeable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean counting = new AtomicBoolean(true);
  private final AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicLong samples = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  ReplicaCountSampler(DistributedFileSystem fs, Path file) {
    thread = new Thread(() -> {
      while (running.get()) {
        try {
          List<LocatedBlock> blocks = fs.getClient().getLocatedBlocks(file.toUri().getPath(), 0, Long.MAX_VALUE)
              .getLocatedBlocks();
          if (counting.get()) {
            for (LocatedBlock b : blocks) {
              lowest.accumulateAndGet(b.getLocations().length, Math::min);
            }
            samples.incrementAndGet();
          }
          // A sampling period, not a wait for a condition: keeps the NameNode's load from the sampler small.
          TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          if (running.get()) {
            failure.compareAndSet(null, e);
          }
          return;
        }
      }
    }, "replica-count-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** A write of the test's own, then what must hold before counting resumes (the write's replicas all reported). */
  interface Write {
    void run() throws Exception;
  }

  void excluding(Write write, Runnable settled) throws Exception {
    counting.set(false);
    try {
      write.run();
      settled.run();
    } finally {
      counting.set(true);
    }
  }

  int lowest() {
    return lowest.get();
  }

  long samples() {
    return samples.get();
  }

  Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
