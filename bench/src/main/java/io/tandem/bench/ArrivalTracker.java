package io.tandem.bench;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the receiving site for files closed on the sending site: one thread polls the target with
 * {@code getFileStatus} every poll interval and notes the moment each expected file is there with its full length.
 * The lag of a file is that moment less the moment its close returned on the sending site (both on this JVM's
 * monotonic clock). Pending files are checked oldest first; a round stops after a few that are not there yet,
 * since the mirror ships in close order, so a deep backlog costs the receiving NameNode a handful of calls per
 * round rather than one per pending file.
 */
final class ArrivalTracker implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ArrivalTracker.class);
  private static final int MISSES_PER_ROUND = 3;

  /** A file seen complete on the target. */
  static final class Arrival {
    final String path;
    final long length;
    final long closedNanos;
    final long arrivedNanos;

    Arrival(String path, long length, long closedNanos, long arrivedNanos) {
      this.path = path;
      this.length = length;
      this.closedNanos = closedNanos;
      this.arrivedNanos = arrivedNanos;
    }

    long lagNanos() {
      return arrivedNanos - closedNanos;
    }
  }

  /** A file expected on the target. */
  private static final class Expected {
    final Path path;
    final long length;
    final long closedNanos;

    Expected(Path path, long length, long closedNanos) {
      this.path = path;
      this.length = length;
      this.closedNanos = closedNanos;
    }
  }

  private final FileSystem target;
  private final Path targetRoot;
  private final long pollNanos;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<Expected> pending = new ArrayDeque<>();
  /** Guarded by {@link #lock}. */
  private final List<Arrival> arrivals = new ArrayList<>();
  private final AtomicLong statusCalls = new AtomicLong();
  private final AtomicLong pollErrors = new AtomicLong();
  private final Thread poller;
  private volatile boolean running = true;

  /** Starts polling {@code target} under {@code targetRoot}, every {@code pollMs}. */
  ArrivalTracker(FileSystem target, Path targetRoot, long pollMs) {
    this.target = target;
    this.targetRoot = targetRoot;
    this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMs);
    this.poller = new Thread(this::pollLoop, "bench-arrival-poller");
    this.poller.setDaemon(true);
    this.poller.start();
  }

  /** Expects {@code relativePath} under the target root with {@code length} bytes; its close returned at the time given. */
  void expect(String relativePath, long length, long closedNanos) {
    synchronized (lock) {
      pending.add(new Expected(new Path(targetRoot, relativePath), length, closedNanos));
    }
  }

  /** Waits until every expected file has arrived; false if some are still missing after {@code within}. */
  boolean awaitAll(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (lock) {
      while (!pending.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  List<Arrival> arrivals() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(arrivals));
    }
  }

  /** Up to {@code max} of the files still missing, oldest first, with what the target shows of them. */
  List<String> missing(int max) {
    List<Expected> some = new ArrayList<>();
    synchronized (lock) {
      for (Expected e : pending) {
        if (some.size() >= max) {
          break;
        }
        some.add(e);
      }
    }
    List<String> out = new ArrayList<>();
    for (Expected e : some) {
      String seen;
      try {
        seen = target.getFileStatus(e.path).getLen() + " bytes";
      } catch (FileNotFoundException absent) {
        seen = "absent";
      } catch (IOException ex) {
        seen = ex.toString();
      }
      out.add(e.path.toUri().getPath() + " (expected " + e.length + " bytes, target has " + seen + ")");
    }
    return out;
  }

  int pendingCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  long statusCalls() {
    return statusCalls.get();
  }

  private void pollLoop() {
    long next = System.nanoTime();
    while (running) {
      pollOnce();
      next += pollNanos;
      long wait = next - System.nanoTime();
      if (wait <= 0) {
        next = System.nanoTime(); // a slow round: start the next one now, without catching up
        continue;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(wait); // the poll interval itself
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void pollOnce() {
    List<Expected> round;
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      round = new ArrayList<>(pending);
    }
    List<Expected> arrived = new ArrayList<>();
    List<Arrival> seen = new ArrayList<>();
    int misses = 0;
    for (Expected e : round) {
      if (!running || misses >= MISSES_PER_ROUND) {
        break;
      }
      long length;
      try {
        statusCalls.incrementAndGet();
        length = target.getFileStatus(e.path).getLen();
      } catch (FileNotFoundException notYet) {
        length = -1;
      } catch (IOException ex) {
        if (pollErrors.incrementAndGet() % 100 == 1) {
          LOG.warn("Polling {} failed (this and every 100th failure logged): {}", e.path, ex.toString());
        }
        length = -1;
      }
      long now = System.nanoTime();
      if (length == e.length) {
        arrived.add(e);
        seen.add(new Arrival(e.path.toUri().getPath(), e.length, e.closedNanos, now));
      } else {
        misses++;
      }
    }
    if (arrived.isEmpty()) {
      return;
    }
    synchronized (lock) {
      arrivals.addAll(seen);
      for (Iterator<Expected> it = pending.iterator(); it.hasNext() && !arrived.isEmpty(); ) {
        Expected e = it.next();
        if (arrived.remove(e)) {
          it.remove();
        }
      }
      if (pending.isEmpty()) {
        lock.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
