package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.VolumePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One request at a time per path, and per subtree, on the receiver. A sender never overlaps two requests for one
 * path, but a request it sends again after its timeout (or after the link came back) may reach an apply thread
 * while the first copy is still writing: the copy waits for the first instead of writing the same bytes a second
 * time. A request on a directory (a delete, a rename) waits likewise for requests below it that an ended session
 * left running, so a file it deletes is not recreated under it a moment later.
 *
 * <p>Requests hold a path or two and there are only as many holders as apply threads, so conflicts are found by
 * comparing with each holder.
 */
final class PathLocks {
  private final List<String> held = new ArrayList<>(); // guarded by this; one entry per path held

  /** Held paths; closing releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Holds every path in {@code paths} (absolute, normalized, no trailing slash) once none of them is held, nor any
   * path above or below one of them; empty, holding none, if that does not happen within {@code waitMs}.
   */
  synchronized Optional<Held> tryHold(List<String> paths, long waitMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (conflicts(paths)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    List<String> mine = List.copyOf(paths);
    held.addAll(mine);
    return Optional.of(new Held() {
      private boolean released;

      @Override
      public void close() {
        synchronized (PathLocks.this) {
          if (!released) {
            released = true;
            for (String p : mine) {
              held.remove(p);
            }
            PathLocks.this.notifyAll();
          }
        }
      }
    });
  }

  private boolean conflicts(List<String> paths) {
    for (String p : paths) {
      for (String h : held) {
        if (VolumePaths.relativize(h, p) != null || VolumePaths.relativize(p, h) != null) { // one within the other
          return true;
        }
      }
    }
    return false;
  }


  /** Paths held right now. */
  synchronized int size() {
    return held.size();
  }
}
