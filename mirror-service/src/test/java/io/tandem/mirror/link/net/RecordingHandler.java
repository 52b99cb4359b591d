package io.tandem.mirror.link.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's {@link RequestHandler} in tests. A request's payload is (key, number) as two ints; the handler records
 * the numbers per key in arrival order and echoes the payload, except for {@link #HOLD_KEY} (never answered) and
 * {@link #FAIL_KEY} (answered with a failure).
 */
final class RecordingHandler implements RequestHandler {
  static final int HOLD_KEY = 1_000_001;
  static final int FAIL_KEY = 1_000_002;

  private final AtomicLong handled = new AtomicLong();
  private final Map<Integer, List<Integer>> arrivals = new ConcurrentHashMap<>();
  private final List<CompletableFuture<byte[]>> held = new CopyOnWriteArrayList<>();
  private final List<Long> epochs = new CopyOnWriteArrayList<>();

  static byte[] payload(int key, int number) {
    return ByteBuffer.allocate(8).putInt(key).putInt(number).array();
  }

  @Override
  public CompletableFuture<byte[]> handle(String peerSite, long epoch, byte[] payload) {
    handled.incrementAndGet();
    epochs.add(epoch);
    ByteBuffer b = ByteBuffer.wrap(payload);
    int key = b.getInt();
    int number = b.getInt();
    arrivals.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(number);
    if (key == HOLD_KEY) {
      CompletableFuture<byte[]> never = new CompletableFuture<>();
      held.add(never);
      return never;
    }
    if (key == FAIL_KEY) {
      return CompletableFuture.failedFuture(new IOException("refused by the test handler"));
    }
    return CompletableFuture.completedFuture(payload);
  }

  long handled() {
    return handled.get();
  }

  int heldCount() {
    return held.size();
  }

  List<Long> epochs() {
    return List.copyOf(epochs);
  }

  /** The numbers received for {@code key}, in arrival order. */
  List<Integer> arrivals(int key) {
    List<Integer> list = arrivals.get(key);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }
}
