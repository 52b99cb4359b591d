package io.tandem.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataInputStream;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;

/**
 * The skewed read load: reader threads that each, until stopped, open a random hot file, read it whole (one block)
 * and close it. Opening per read makes the NameNode order the block's replicas anew each time (which is what
 * {@code dfs.namenode.read.considerLoad} acts on) and lets readers follow moved replicas at once. At a rate, reads
 * are due on a fixed schedule (an open workload: the readers take the next due read when they are free) and each is
 * timed from when it was due to its close, so a read that waited for a free reader counts that wait; without a rate
 * the readers read back to back and each read is timed from open to close. Every read is attributed to the
 * DataNode that served it, as the client saw it.
 */
final class ReadLoad {
  /** One read: when it ended (since the load started), how long it took, and who served it (null if it failed). */
  static final class Read {
    final long endNanos;
    final long nanos;
    final String dataNode;
    final long bytes;

    Read(long endNanos, long nanos, String dataNode, long bytes) {
      this.endNanos = endNanos;
      this.nanos = nanos;
      this.dataNode = dataNode;
      this.bytes = bytes;
    }
  }

  private final DistributedFileSystem fs;
  private final List<Path> files;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong tickets = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final List<List<Read>> reads = new ArrayList<>();
  private volatile String firstFailure;
  private Pacer pacer;
  private long startNanos;
  private long stopNanos;

  ReadLoad(DistributedFileSystem fs, List<Path> files) {
    this.fs = fs;
    this.files = List.copyOf(files);
  }

  /** Starts {@code readers} threads reading at {@code mibPerSecond} (0: back to back); the load's clock starts now. */
  ReadLoad start(int readers, long fileBytes, double mibPerSecond) {
    pacer = Pacer.startingNow(mibPerSecond);
    startNanos = System.nanoTime();
    for (int i = 0; i < readers; i++) {
      List<Read> own = new ArrayList<>();
      reads.add(own);
      Random random = new Random(31L * i + 1);
      Thread t = new Thread(() -> readUntilStopped(random, new byte[(int) fileBytes], own), "bench-reader-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  long startNanos() {
    return startNanos;
  }

  private void readUntilStopped(Random random, byte[] buffer, List<Read> own) {
    while (running.get()) {
      Path p = files.get(random.nextInt(files.size()));
      long due = tickets.getAndIncrement() * buffer.length;
      try {
        pacer.awaitSchedule(due);
      } catch (InterruptedException e) {
        return;
      }
      if (!running.get()) {
        return;
      }
      long t0 = pacer.dueNanos(due);
      String served = null;
      try (HdfsDataInputStream in = (HdfsDataInputStream) fs.open(p)) {
        in.readFully(buffer, 0, buffer.length);
        DatanodeInfo dn = in.getCurrentDatanode();
        served = dn == null ? "?" : dn.getDatanodeUuid();
      } catch (IOException | RuntimeException e) {
        if (!running.get()) {
          return;
        }
        failures.incrementAndGet();
        if (firstFailure == null) {
          firstFailure = p + ": " + e;
        }
      }
      long t1 = System.nanoTime();
      if (served != null) {
        own.add(new Read(t1 - startNanos, t1 - t0, served, buffer.length));
      }
    }
  }

  /** Stops the readers (each finishes its read) and returns every successful read. */
  List<Read> stop() throws InterruptedException {
    running.set(false);
    stopNanos = System.nanoTime();
    List<Read> all = new ArrayList<>();
    for (int i = 0; i < threads.size(); i++) {
      threads.get(i).join(); // a read in flight ends within the client's timeouts
      all.addAll(reads.get(i));
    }
    return all;
  }

  /** Nanoseconds from start to stop. */
  long elapsedNanos() {
    return stopNanos - startNanos;
  }

  long failures() {
    return failures.get();
  }

  /** The first failed read, or null. */
  String firstFailure() {
    return firstFailure;
  }
}
