package io.tandem.mirror.send;

import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * New single-chunk files sent without waiting, so reading the next file here overlaps writing the previous ones on
 * the peer. Only such files go in: each is created alone in its own staging file, so they commute. Every other
 * change first {@link #drain}s the window, which keeps the volume's changes in edit-log order around them; so does
 * the checkpoint, which is never written past a write still in flight.
 */
final class InFlightWrites {
  /** What to do with a write the peer did not store: ship it again the careful way. */
  interface Fallback {
    void reship(MirrorRequest request) throws IOException, LinkUnavailableException, InterruptedException;
  }

  private final int capacity;
  private final FileShipper files;
  private final MirrorStats stats;
  private final Deque<Pending> window = new ArrayDeque<>();

  InFlightWrites(int capacity, FileShipper files, MirrorStats stats) {
    this.capacity = capacity;
    this.files = files;
    this.stats = stats;
  }

  void add(MirrorRequest request, CompletableFuture<MirrorResponse> reply, Fallback fallback)
      throws IOException, LinkUnavailableException, InterruptedException {
    window.addLast(new Pending(request, reply, fallback));
    stats.requestsSent.incrementAndGet();
    while (window.size() > capacity) {
      complete(window.removeFirst());
    }
  }

  /** Waits for every write in flight; the first that the link lost ends the session (replay covers it). */
  void drain() throws IOException, LinkUnavailableException, InterruptedException {
    while (!window.isEmpty()) {
      complete(window.removeFirst());
    }
  }

  /** Whether a write of {@code path} is in flight. */
  boolean holds(String path) {
    for (Pending p : window) {
      if (p.request.path.equals(path)) {
        return true;
      }
    }
    return false;
  }

  boolean isEmpty() {
    return window.isEmpty();
  }

  private void complete(Pending p) throws IOException, LinkUnavailableException, InterruptedException {
    MirrorResponse r;
    try {
      r = p.reply.get();
    } catch (ExecutionException e) {
      window.clear(); // the session ends; everything in flight is replayed from the checkpoint
      if (e.getCause() instanceof LinkUnavailableException) {
        throw (LinkUnavailableException) e.getCause();
      }
      throw new IOException("write of " + p.request + " failed: " + e.getCause(), e.getCause());
    }
    if (r.stored()) {
      files.shippedSmallNewFile(p.request.path, p.request.dataLength());
    } else {
      p.fallback.reship(p.request);
    }
  }

  private static final class Pending {
    final MirrorRequest request;
    final CompletableFuture<MirrorResponse> reply;
    final Fallback fallback;

    Pending(MirrorRequest request, CompletableFuture<MirrorResponse> reply, Fallback fallback) {
      this.request = request;
      this.reply = reply;
      this.fallback = fallback;
    }
  }
}
