package io.tandem.mirror.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AIMD rule of {@link AdaptiveRate}, sample by sample. */
class AdaptiveRateTest {
  private static final long BASE_MICROS = 10_000;
  private static final long CONGESTED_MICROS = 40_000;

  /** Feeds {@code n} samples of {@code rttMicros} and returns the fraction after each. */
  private static List<Double> feed(AdaptiveRate adaptive, int n, long rttMicros) {
    List<Double> fractions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adaptive.onRoundTrip(rttMicros);
      fractions.add(adaptive.fraction());
    }
    return fractions;
  }

  @Test
  void steadyRoundTripsWithJitterKeepTheFullCap() {
    AdaptiveRate adaptive = AdaptiveRate.enabled();
    for (int i = 0; i < 300; i++) {
      assertFalse(adaptive.onRoundTrip(BASE_MICROS + (i % 5) * 400), "sample " + i);
    }
    assertEquals(1.0, adaptive.fraction());
  }

  @Test
  void markedRiseLowersByAThirdAtMostOncePerCooldownDownToTheFloor() {
    AdaptiveRate adaptive = AdaptiveRate.enabled();
    feed(adaptive, 20, BASE_MICROS);
    List<Double> fractions = feed(adaptive, 70, CONGESTED_MICROS);
    assertTrue(fractions.get(2) < 1.0, "lowered within three samples: " + fractions);
    int lastDecrease = -AdaptiveRate.DECREASE_COOLDOWN_SAMPLES;
    double previous = 1.0;
    for (int i = 0; i < fractions.size(); i++) {
      double f = fractions.get(i);
      assertTrue(f <= previous, "never raised while the round trip is high: " + fractions);
      if (f < previous) {
        assertTrue(i - lastDecrease >= AdaptiveRate.DECREASE_COOLDOWN_SAMPLES, "decrease at " + i + " too soon: " + fractions);
        assertEquals(Math.max(AdaptiveRate.MIN_FRACTION, previous * AdaptiveRate.DECREASE_FACTOR), f, 1e-9);
        lastDecrease = i;
      }
      previous = f;
    }
    assertEquals(AdaptiveRate.MIN_FRACTION, previous, 1e-9);
  }

  @Test
  void fallingRoundTripRecoversAdditivelyToTheFullCap() {
    AdaptiveRate adaptive = AdaptiveRate.enabled();
    feed(adaptive, 20, BASE_MICROS);
    feed(adaptive, 70, CONGESTED_MICROS);
    List<Double> fractions = feed(adaptive, 60, BASE_MICROS);
    assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9, fractions.toString());
    // Once the smoothed round trip has settled (about 20 samples), the share only grows, by 0.05 a sample.
    for (int i = 21; i < fractions.size(); i++) {
      double step = fractions.get(i) - fractions.get(i - 1);
      assertTrue(step >= 0 && step <= AdaptiveRate.INCREASE_STEP + 1e-9, "sample " + i + ": " + fractions);
    }
  }

  @Test
  void subMillisecondRiseOnAFastLinkIsNotCongestion() {
    AdaptiveRate adaptive = AdaptiveRate.enabled();
    feed(adaptive, 20, 100);
    feed(adaptive, 50, 900);
    assertEquals(1.0, adaptive.fraction(), "nine times the base, but only 0.8 ms more");
  }

  @Test
  void riseThatOutlastsTheBaselineWindowBecomesTheNewNormal() {
    AdaptiveRate adaptive = AdaptiveRate.enabled();
    feed(adaptive, 20, BASE_MICROS);
    List<Double> fractions = feed(adaptive, 250, CONGESTED_MICROS);
    assertTrue(fractions.get(80) < 0.2, fractions.toString());
    assertEquals(1.0, adaptive.fraction(), 1e-9, "a longer path, not a queue: " + fractions);
  }

  @Test
  void disabledAdjusterIgnoresSamples() {
    AdaptiveRate adaptive = AdaptiveRate.disabled();
    feed(adaptive, 20, BASE_MICROS);
    List<Double> fractions = feed(adaptive, 50, CONGESTED_MICROS);
    assertEquals(1.0, fractions.get(fractions.size() - 1));
  }

  @Test
  void negativeRoundTripIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AdaptiveRate.enabled().onRoundTrip(-1));
  }
}
