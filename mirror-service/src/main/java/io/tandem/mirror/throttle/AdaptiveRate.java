package io.tandem.mirror.throttle;

import java.util.Locale;

/**
 * Lowers the shipping rate below the cap while the link's round-trip time is markedly above its recent minimum (a
 * queue is building somewhere on the path), and returns to the cap when it falls back: additive increase,
 * multiplicative decrease of a fraction of the cap. Fed with round-trip samples; holds no clock, so it is
 * deterministic.
 *
 * <p>The rule, applied after each sample once {@value #WARMUP_SAMPLES} samples have arrived:
 * <ul>
 *   <li>baseline = the smallest of the last {@value #BASELINE_SAMPLES} samples; smoothed = a moving average of the
 *       samples with weight 1/8 for the newest (as TCP smooths its RTT);</li>
 *   <li>congested when smoothed &ge; 1.5 &times; baseline and smoothed &minus; baseline &ge; 1 ms (the absolute
 *       floor keeps microsecond jitter on a fast LAN from counting): the fraction is multiplied by 0.7, at most once
 *       every {@value #DECREASE_COOLDOWN_SAMPLES} samples so that one queue is not punished many times over, and
 *       never below 0.1;</li>
 *   <li>calm when smoothed &le; 1.2 &times; baseline or within 1 ms of it: the fraction grows by 0.05, up to 1;</li>
 *   <li>in between: the fraction holds.</li>
 * </ul>
 * A rise that outlasts the baseline window becomes the new baseline (a longer path, not a queue), and the rate
 * returns to the cap. With no cap there is nothing to take a fraction of, so adaptation has no effect then.
 */
public final class AdaptiveRate {
  static final int BASELINE_SAMPLES = 100;
  static final int WARMUP_SAMPLES = 8;
  static final int DECREASE_COOLDOWN_SAMPLES = 8;
  static final double SMOOTHING = 1.0 / 8;
  static final double CONGESTED_RATIO = 1.5;
  static final double CALM_RATIO = 1.2;
  static final long MIN_RISE_MICROS = 1_000;
  static final double DECREASE_FACTOR = 0.7;
  static final double INCREASE_STEP = 0.05;
  static final double MIN_FRACTION = 0.1;

  private final boolean enabled;
  private final long[] recent = new long[BASELINE_SAMPLES];
  private int samples;
  private double smoothedMicros;
  private double fraction = 1;
  private int samplesSinceDecrease;

  private AdaptiveRate(boolean enabled) {
    this.enabled = enabled;
  }

  /** An adjuster that follows the round-trip samples it is fed. */
  public static AdaptiveRate enabled() {
    return new AdaptiveRate(true);
  }

  /** An adjuster that ignores samples and always allows the full cap. */
  public static AdaptiveRate disabled() {
    return new AdaptiveRate(false);
  }

  /**
   * Takes one round-trip sample.
   *
   * @return whether the fraction of the cap changed
   */
  public synchronized boolean onRoundTrip(long rttMicros) {
    if (rttMicros < 0) {
      throw new IllegalArgumentException("round-trip time must be >= 0 us, got " + rttMicros);
    }
    if (!enabled) {
      return false;
    }
    recent[samples % BASELINE_SAMPLES] = rttMicros;
    smoothedMicros = samples == 0 ? rttMicros : smoothedMicros + SMOOTHING * (rttMicros - smoothedMicros);
    samples++;
    samplesSinceDecrease++;
    if (samples < WARMUP_SAMPLES) {
      return false;
    }
    double before = fraction;
    long baseline = baselineMicros();
    double rise = smoothedMicros - baseline;
    if (smoothedMicros >= CONGESTED_RATIO * baseline && rise >= MIN_RISE_MICROS) {
      if (samplesSinceDecrease >= DECREASE_COOLDOWN_SAMPLES) {
        fraction = Math.max(MIN_FRACTION, fraction * DECREASE_FACTOR);
        samplesSinceDecrease = 0;
      }
    } else if (smoothedMicros <= CALM_RATIO * baseline || rise < MIN_RISE_MICROS) {
      fraction = Math.min(1, fraction + INCREASE_STEP);
    }
    return fraction != before;
  }

  private long baselineMicros() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < Math.min(samples, BASELINE_SAMPLES); i++) {
      min = Math.min(min, recent[i]);
    }
    return min;
  }

  /** The share of the cap to use, from 0.1 to 1. */
  public synchronized double fraction() {
    return fraction;
  }

  @Override
  public synchronized String toString() {
    return enabled ? String.format(Locale.ROOT, "adaptive at %.2f of the cap", fraction) : "not adaptive";
  }
}
