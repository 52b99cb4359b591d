package io.tandem.mirror.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * One request at a time per path on the receiver. A sender never overlaps two requests for one path, but a request
 * it sends again after its timeout (or after the link came back) may reach an apply thread while the first copy is
 * still writing; the copy waits for the first instead of writing the same bytes a second time. Locks exist only
 * while held or awaited, so the map stays as small as the number of requests in flight.
 */
final class PathLocks {
  private final Map<String, Entry> entries = new HashMap<>(); // guarded by this

  private static final class Entry {
    /** A permit rather than a lock: a request may be released on another thread than the one that took it. */
    final Semaphore permit = new Semaphore(1);
    int users;
  }

  /** Held locks; closing releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Holds every path in {@code paths}, taken in sorted order so two requests naming the same pair cannot deadlock;
   * empty, holding none, if one of them stays held by another request for longer than {@code waitMs}.
   */
  Optional<Held> tryHold(List<String> paths, long waitMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    List<String> taken = new ArrayList<>();
    try {
      for (String p : new TreeSet<>(paths)) {
        Entry e = use(p);
        boolean locked = false;
        try {
          locked = e.permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
          if (!locked) {
            unuse(p, e);
          }
        }
        if (!locked) {
          release(taken);
          return Optional.empty();
        }
        taken.add(p);
      }
    } catch (InterruptedException | RuntimeException e) {
      release(taken);
      throw e;
    }
    return Optional.of(() -> release(taken));
  }

  private synchronized Entry use(String path) {
    Entry e = entries.computeIfAbsent(path, k -> new Entry());
    e.users++;
    return e;
  }

  private synchronized void unuse(String path, Entry e) {
    if (--e.users == 0) {
      entries.remove(path);
    }
  }

  private void release(List<String> taken) {
    for (String p : taken) {
      Entry e;
      synchronized (this) {
        e = entries.get(p);
      }
      e.permit.release();
      unuse(p, e);
    }
    taken.clear();
  }

  /** Paths held or awaited right now. */
  synchronized int size() {
    return entries.size();
  }
}
