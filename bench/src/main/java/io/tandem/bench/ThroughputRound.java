package io.tandem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of the graded throughput measurement: D written straight into site-b (the ceiling), then at once D
 * into the volume on site-a as fast as it goes while the mirror carries it (unpaced). Measured back to back so the
 * two see the same machine: on a shared 2-core VM one phase alone swings by 10-20% from run to run, and a ratio of
 * a ceiling from one minute and a mirror from another carries both swings.
 */
final class ThroughputRound {
  final int number;
  final DataSetWriter.Pass ceiling;
  final MirrorPhase unpaced;

  ThroughputRound(int number, DataSetWriter.Pass ceiling, MirrorPhase unpaced) {
    this.number = number;
    this.ceiling = ceiling;
    this.unpaced = unpaced;
  }

  double ratio() {
    return unpaced.mirroredMibPerSecond() / ceiling.mibPerSecond();
  }

  /** The median of the rounds' ratios (the mean of the middle two for an even count). */
  static double medianRatio(List<ThroughputRound> rounds) {
    List<Double> ratios = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      ratios.add(r.ratio());
    }
    ratios.sort(Double::compare);
    int n = ratios.size();
    return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("round", number);
    m.put("ceiling_seconds", Units.round(Units.seconds(ceiling.nanos()), 3));
    m.put("ceiling_mib_per_s", Units.round(ceiling.mibPerSecond(), 1));
    m.put("unpaced", unpaced.json());
    m.put("ratio", Units.round(ratio(), 3));
    return m;
  }
}
