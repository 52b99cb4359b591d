package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Samples from a fake DataNode: the baseline, rates per window, gauges, the hot list and its decay. */
class LoadSamplerTest {
  private static final long INTERVAL_MS = 1_000;
  private static final long MS = 1_000_000L;

  private final FakeProbe probe = new FakeProbe();
  private final AtomicLong nanos = new AtomicLong(5_000 * MS);
  private final HotBlockCounter hot = HotBlockCounter.forRanking(3);
  private final LoadSampler sampler = new LoadSampler(probe, hot, 3, INTERVAL_MS, nanos::get);

  private LocalLoad sampleAfter(long ms) {
    nanos.addAndGet(ms * MS);
    return sampler.sample(nanos.get() / MS);
  }

  @Test
  void theFirstSampleIsTheBaselineAndLaterOnesMeasureTheirWindow() {
    probe.serve(1_000_000_000, 5_000, 0, 0);
    LocalLoad first = sampler.sample(1);
    assertEquals(0, first.rates().bytesPerSec(), "history before the monitor started is not a rate");
    assertEquals(TrafficPattern.IDLE, first.pattern());

    probe.serve(4 * 1024 * 1024, 64, 1024 * 1024, 1);
    probe.xceivers = 7;
    probe.transferThreads = 9;
    probe.latency = OptionalDouble.of(3.5);
    LocalLoad second = sampleAfter(2_000);
    assertEquals(2 * 1024 * 1024, second.rates().bytesReadPerSec(), 1e-6);
    assertEquals(512 * 1024, second.rates().bytesWrittenPerSec(), 1e-6);
    assertEquals(32, second.rates().readOpsPerSec(), 1e-9);
    assertEquals("read-random", second.pattern().code());
    assertEquals(7, second.xceivers());
    assertEquals(9, second.transferThreads());
    assertEquals(3.5, second.ioLatencyMs().getAsDouble());

    LocalLoad quiet = sampleAfter(1_000);
    assertEquals(TrafficPattern.IDLE, quiet.pattern());
  }

  @Test
  void theTransferGaugesAreAveragedOverTheReadingsOfTheirWindow() {
    sampler.sample(0);
    int[] readings = {0, 6, 0, 2};
    for (int x : readings) {
      probe.xceivers = x;
      probe.transferThreads = 2 * x;
      sampler.observeGauges();
    }
    probe.xceivers = 2;
    probe.transferThreads = 4;
    LocalLoad averaged = sampleAfter(1_000);
    assertEquals(2.0, averaged.xceivers(), 1e-9, "(0 + 6 + 0 + 2 + 2) / 5");
    assertEquals(4.0, averaged.transferThreads(), 1e-9);

    probe.xceivers = 5;
    LocalLoad next = sampleAfter(1_000);
    assertEquals(5.0, next.xceivers(), 1e-9, "a new window starts from its own readings");
  }

  @Test
  void theHotListRanksRecentReadsAndForgetsOldOnesWithAHalfLifeOfThreeReports() {
    sampler.sample(0);
    for (int i = 0; i < 80; i++) {
      hot.record(100);
    }
    for (int i = 0; i < 40; i++) {
      hot.record(200);
    }
    hot.record(300);
    hot.record(400);
    LocalLoad busy = sampleAfter(INTERVAL_MS);
    assertEquals(List.of(100L, 200L, 300L), ids(busy));

    // three report intervals later the counts have halved
    sampleAfter(INTERVAL_MS);
    sampleAfter(INTERVAL_MS);
    LocalLoad later = sampleAfter(INTERVAL_MS);
    assertEquals(List.of(100L, 200L, 300L), ids(later));
    assertEquals(40, later.hotBlocks().get(0).count(), 1e-6);

    for (int i = 0; i < 45; i++) {
      hot.record(500);
    }
    LocalLoad shifted = sampleAfter(INTERVAL_MS);
    assertEquals(500L, shifted.hotBlocks().get(0).blockId(), "45 fresh reads beat 80 reads three reports ago");
  }

  @Test
  void anUnprofiledDataNodeReportsNoLatencyAndNoHotListWhenNoneIsAsked() {
    HotBlockCounter unused = HotBlockCounter.forRanking(0);
    unused.record(1);
    LoadSampler none = new LoadSampler(probe, unused, 0, INTERVAL_MS, nanos::get);
    none.sample(0);
    LocalLoad s = sampleWith(none);
    assertFalse(s.ioLatencyMs().isPresent());
    assertTrue(s.hotBlocks().isEmpty());
  }

  private LocalLoad sampleWith(LoadSampler s) {
    nanos.addAndGet(INTERVAL_MS * MS);
    return s.sample(1);
  }

  private static List<Long> ids(LocalLoad load) {
    return load.hotBlocks().stream().map(HotBlock::blockId).collect(Collectors.toList());
  }
}
