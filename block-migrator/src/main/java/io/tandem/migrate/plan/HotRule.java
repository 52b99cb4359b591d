package io.tandem.migrate.plan;

/**
 * The two lines a DataNode's load score is judged against, both relative to the cluster mean.
 *
 * <ul>
 *   <li>A report is <b>hot</b> when {@code score > mean * (1 + threshold)}.
 *   <li>A hot DataNode is <b>cooled</b> when {@code score <= mean * (1 + threshold * coolFraction)}.
 * </ul>
 *
 * <p>Between the lines a hot DataNode stays hot and a cool one stays cool: that band is the hysteresis. The planner
 * also uses the cool line as its goal (it relieves a source down to it) and as its ceiling (no target is loaded past
 * it), so a move never leaves either end inside a band from which a small wobble flips it back.
 */
public final class HotRule {
  private final double threshold;
  private final double coolFraction;

  HotRule(double threshold, double coolFraction) {
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite fraction > 0, got " + threshold);
    }
    if (!(coolFraction >= 0 && coolFraction < 1)) {
      throw new IllegalArgumentException("cool fraction must be in [0, 1), got " + coolFraction);
    }
    this.threshold = threshold;
    this.coolFraction = coolFraction;
  }

  public double threshold() {
    return threshold;
  }

  public double coolFraction() {
    return coolFraction;
  }

  /** Above this a report is hot. */
  public double hotLine(double mean) {
    return mean * (1 + threshold);
  }

  /** At or below this a hot DataNode is cooled. */
  public double coolLine(double mean) {
    return mean * (1 + threshold * coolFraction);
  }

  /** An idle cluster (mean 0) has no hot DataNode. */
  public boolean isHotReport(double score, double mean) {
    return mean > 0 && score > hotLine(mean);
  }

  public boolean isCooled(double score, double mean) {
    return score <= coolLine(mean);
  }

  @Override
  public String toString() {
    return "hot above " + (1 + threshold) + "x mean, cooled at or below " + (1 + threshold * coolFraction) + "x mean";
  }
}
