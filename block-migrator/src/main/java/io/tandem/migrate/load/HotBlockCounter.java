package io.tandem.migrate.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts block reads in bounded memory and ranks the most read blocks: the Space-Saving algorithm (Metwally,
 * Agrawal and El Abbadi, 2005) with exponential decay, so the ranking follows recent traffic.
 *
 * <p>At most {@code capacity} blocks are tracked. A read of a tracked block adds to its count; a read of an untracked
 * block, when the counter is full, replaces the block with the smallest count c and starts at c + 1 with error c.
 * Each estimate overcounts by at most its error, and every error is at most N / capacity, N the (decayed) number of
 * reads counted: any block read more than N / capacity times is tracked, and with a capacity several times the
 * ranking asked for, the top of a skewed stream comes out exact. {@link #decay} multiplies every count by a factor,
 * which keeps the order and the guarantees (in decayed units); blocks decayed below {@link #FORGET_BELOW} are dropped.
 *
 * <p>The blocks are kept in a min-heap on their counts, indexed by block id: a read costs one hash lookup and
 * O(log capacity) swaps, a decay O(capacity), a ranking O(capacity log capacity). Thread-safe: reads arrive on the
 * DataNode's transfer threads, decay and ranking on the monitor's.
 */
public final class HotBlockCounter {
  /** Counts below this carry no ranking information worth a slot (a single read decays below it in ~7 half-lives). */
  static final double FORGET_BELOW = 0.01;

  private final int capacity;
  private final long[] ids;
  private final double[] counts;
  private final double[] errors;
  private final Map<Long, Integer> slots;
  private int size;
  private double total;

  public HotBlockCounter(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.ids = new long[capacity];
    this.counts = new double[capacity];
    this.errors = new double[capacity];
    this.slots = new HashMap<>(capacity * 2);
  }

  /**
   * A counter sized to rank the top {@code k} blocks: 16 slots per block ranked, at least 64, so the ranked blocks'
   * counts are far above the error bound N / capacity on any skewed stream. About 100 bytes a slot with the index:
   * 13 KiB for 8 blocks, 100 KiB for 64.
   */
  public static HotBlockCounter forRanking(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("blocks to rank must be >= 0, got " + k);
    }
    return new HotBlockCounter(Math.max(64, 16 * k));
  }

  public void record(long blockId) {
    record(blockId, 1);
  }

  /** Counts {@code weight} (> 0) reads of the block. */
  public synchronized void record(long blockId, double weight) {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and > 0, got " + weight);
    }
    total += weight;
    Integer slot = slots.get(blockId);
    if (slot != null) {
      counts[slot] += weight;
      siftDown(slot);
    } else if (size < capacity) {
      put(size, blockId, weight, 0);
      size++;
      siftUp(size - 1);
    } else {
      double min = counts[0];
      slots.remove(ids[0]);
      put(0, blockId, min + weight, min);
      siftDown(0);
    }
  }

  /**
   * Multiplies every count by {@code factor} (in (0, 1]) and forgets blocks that fall below {@link #FORGET_BELOW}.
   * A half-life of h over an elapsed time t is the factor 0.5^(t / h).
   */
  public synchronized void decay(double factor) {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("decay factor must be in (0, 1], got " + factor);
    }
    total *= factor;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      double c = counts[i] * factor;
      if (c >= FORGET_BELOW) {
        ids[kept] = ids[i];
        counts[kept] = c;
        errors[kept] = errors[i] * factor;
        kept++;
      } else {
        slots.remove(ids[i]);
      }
    }
    if (kept < size) {
      size = kept;
      for (int i = 0; i < size; i++) {
        slots.put(ids[i], i);
      }
      for (int i = size / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    }
  }

  /** The {@code k} blocks with the highest counts, highest first (ties by block id). */
  public synchronized List<HotBlock> top(int k) {
    List<HotBlock> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      all.add(new HotBlock(ids[i], counts[i], errors[i], total > 0 ? Math.min(1, counts[i] / total) : 0));
    }
    all.sort(Comparator.comparingDouble(HotBlock::count).reversed().thenComparingLong(HotBlock::blockId));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /** The decayed number of reads counted, N in the error bound N / capacity. */
  public synchronized double total() {
    return total;
  }

  public synchronized int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  private void put(int slot, long blockId, double count, double error) {
    ids[slot] = blockId;
    counts[slot] = count;
    errors[slot] = error;
    slots.put(blockId, slot);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (counts[parent] <= counts[i]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smaller = left + 1 < size && counts[left + 1] < counts[left] ? left + 1 : left;
      if (counts[i] <= counts[smaller]) {
        return;
      }
      swap(i, smaller);
      i = smaller;
    }
  }

  private void swap(int a, int b) {
    long id = ids[a];
    double count = counts[a];
    double error = errors[a];
    ids[a] = ids[b];
    counts[a] = counts[b];
    errors[a] = errors[b];
    ids[b] = id;
    counts[b] = count;
    errors[b] = error;
    slots.put(ids[a], a);
    slots.put(ids[b], b);
  }
}
