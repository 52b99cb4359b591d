package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Space-Saving with decay: the bound, its guarantees on a seeded skewed stream, exact top-k, and the decay. */
class HotBlockCounterTest {
  /** A seeded Zipf(s) stream over {@code blocks} random block ids. */
  private static long[] zipfStream(int blocks, double s, int length, long seed) {
    Random random = new Random(seed);
    long[] ids = new long[blocks];
    for (int i = 0; i < blocks; i++) {
      ids[i] = 1_073_741_825L + random.nextInt(50_000_000);
    }
    double[] cdf = new double[blocks];
    double sum = 0;
    for (int k = 0; k < blocks; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    long[] stream = new long[length];
    for (int i = 0; i < length; i++) {
      int k = Arrays.binarySearch(cdf, random.nextDouble() * sum);
      stream[i] = ids[k < 0 ? -k - 1 : k];
    }
    return stream;
  }

  @Test
  void onASkewedStreamTheTopIsExactAndTheGuaranteesHold() {
    HotBlockCounter counter = HotBlockCounter.forRanking(8);
    assertEquals(128, counter.capacity());
    long[] stream = zipfStream(20_000, 1.1, 200_000, 42);
    Map<Long, Integer> exact = new HashMap<>();
    for (long id : stream) {
      counter.record(id);
      exact.merge(id, 1, Integer::sum);
      assertTrue(counter.size() <= counter.capacity());
    }
    double n = stream.length;
    assertEquals(n, counter.total(), 1e-6);
    double bound = n / counter.capacity();

    List<HotBlock> tracked = counter.top(counter.capacity());
    assertEquals(counter.capacity(), tracked.size());
    for (HotBlock b : tracked) {
      int truth = exact.get(b.blockId());
      assertTrue(truth <= b.count() + 1e-9 && b.count() <= truth + b.error() + 1e-9, b + " vs true " + truth);
      assertTrue(b.error() <= bound + 1e-9, b + " exceeds the error bound " + bound);
    }
    List<Long> trackedIds = tracked.stream().map(HotBlock::blockId).collect(Collectors.toList());
    exact.forEach((id, count) -> assertTrue(count <= bound || trackedIds.contains(id),
        "block " + id + " read " + count + " times is above N/capacity yet untracked"));

    List<Long> trueTop = exact.entrySet().stream()
        .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(8).map(Map.Entry::getKey).collect(Collectors.toList());
    assertEquals(trueTop, counter.top(8).stream().map(HotBlock::blockId).collect(Collectors.toList()));
  }

  @Test
  void eachTopBlockCarriesItsShareOfAllReadsCounted() {
    HotBlockCounter counter = HotBlockCounter.forRanking(4);
    counter.record(1, 6);
    counter.record(2, 3);
    counter.record(3, 1);
    List<HotBlock> top = counter.top(2);
    assertEquals(0.6, top.get(0).share(), 1e-9);
    assertEquals(0.3, top.get(1).share(), 1e-9);
    counter.decay(0.5);
    assertEquals(0.6, counter.top(1).get(0).share(), 1e-9, "decay scales counts and total alike");
  }

  @Test
  void aFullCounterReplacesItsLeastCountedBlock() {
    HotBlockCounter counter = new HotBlockCounter(3);
    counter.record(1, 5);
    counter.record(2, 3);
    counter.record(3, 1);
    counter.record(4);
    assertEquals(3, counter.size());
    List<HotBlock> top = counter.top(3);
    assertEquals(List.of(1L, 2L, 4L), top.stream().map(HotBlock::blockId).collect(Collectors.toList()));
    assertEquals(2, top.get(2).count(), 1e-9);
    assertEquals(1, top.get(2).error(), 1e-9);
  }

  @Test
  void decayLetsNewHeatOvertakeOldHeat() {
    HotBlockCounter counter = new HotBlockCounter(64);
    for (int i = 0; i < 100; i++) {
      counter.record(7);
    }
    for (int halfLives = 0; halfLives < 4; halfLives++) {
      counter.decay(0.5);
    }
    assertEquals(6.25, counter.top(1).get(0).count(), 1e-9);
    for (int i = 0; i < 10; i++) {
      counter.record(8);
    }
    assertEquals(List.of(8L, 7L), counter.top(2).stream().map(HotBlock::blockId).collect(Collectors.toList()));
    assertEquals(16.25, counter.total(), 1e-9);
  }

  @Test
  void decayedOutBlocksAreForgottenAndTheCounterStaysConsistent() {
    HotBlockCounter counter = new HotBlockCounter(8);
    for (long id = 1; id <= 8; id++) {
      counter.record(id, id * 10);
    }
    counter.record(1, 1000);
    counter.decay(0.00022);
    // 1 (1010) -> 0.22 and 5..8 (>= 50) -> >= 0.011 stay; 2..4 (<= 40) -> <= 0.0088 drop below the 0.01 floor
    assertEquals(List.of(1L, 8L, 7L, 6L, 5L),
        counter.top(8).stream().map(HotBlock::blockId).collect(Collectors.toList()));
    assertEquals(5, counter.size());
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      counter.record(100 + random.nextInt(20));
      if (i % 97 == 0) {
        counter.decay(0.9);
      }
    }
    List<HotBlock> all = counter.top(8);
    assertEquals(8, all.size());
    List<HotBlock> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingDouble(HotBlock::count).reversed());
    assertEquals(sorted.stream().map(HotBlock::count).collect(Collectors.toList()),
        all.stream().map(HotBlock::count).collect(Collectors.toList()));
  }

  @Test
  void aFullDecayForgetsEverything() {
    HotBlockCounter counter = new HotBlockCounter(4);
    counter.record(1);
    counter.record(2);
    counter.decay(Double.MIN_NORMAL);
    assertEquals(0, counter.size());
    assertEquals(Collections.emptyList(), counter.top(4));
    counter.record(3);
    assertEquals(3L, counter.top(1).get(0).blockId());
  }

  @Test
  void badArgumentsAreRefused() {
    HotBlockCounter counter = new HotBlockCounter(2);
    assertThrows(IllegalArgumentException.class, () -> new HotBlockCounter(0));
    assertThrows(IllegalArgumentException.class, () -> counter.record(1, 0));
    assertThrows(IllegalArgumentException.class, () -> counter.record(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> counter.decay(0));
    assertThrows(IllegalArgumentException.class, () -> counter.decay(1.5));
    assertThrows(IllegalArgumentException.class, () -> HotBlockCounter.forRanking(-1));
    assertEquals(64, HotBlockCounter.forRanking(0).capacity());
    assertEquals(1024, HotBlockCounter.forRanking(64).capacity());
  }
}
