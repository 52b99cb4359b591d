package io.tandem.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of the graded throughput measurement: D written straight into site-b (the ceiling), then at once D
 * into the volume on site-a as fast as it goes while the mirror carries it (unpaced), then (unless switched off)
 * D written on site-a outside the volume while a plain client copies each file to site-b ({@link PlainCopier}).
 * Measured back to back so they see the same machine: on a shared 2-core VM one phase alone swings by 10-20% from run to run, and a ratio of
 * a ceiling from one minute and a mirror from another carries both swings.
 */
final class ThroughputRound {
  final int number;
  final DataSetWriter.Pass ceiling;
  final MirrorPhase unpaced;
  /** The same writes copied by a plain client instead of mirrored; null when the round ran without it. */
  final PlainCopier.Result plain;

  final CpuCost cpu;
  final JitTime jit;

  /** CPU milliseconds of the whole process per MiB of D in each phase of a round (NaN where unknown or not run). */
  static final class CpuCost {
    final double ceiling;
    final double writtenAndMirrored;
    final double writtenAndPlainlyCopied;

    CpuCost(double ceiling, double writtenAndMirrored, double writtenAndPlainlyCopied) {
      this.ceiling = ceiling;
      this.writtenAndMirrored = writtenAndMirrored;
      this.writtenAndPlainlyCopied = writtenAndPlainlyCopied;
    }
  }

  /**
   * Milliseconds the JVM's JIT compilers spent in each phase of a round (-1 where not run or unknown): in one JVM
   * hosting two clusters they take minutes to settle, and what they still compile comes out of the phase's CPU.
   */
  static final class JitTime {
    final long ceiling;
    final long writtenAndMirrored;
    final long writtenAndPlainlyCopied;

    JitTime(long ceiling, long writtenAndMirrored, long writtenAndPlainlyCopied) {
      this.ceiling = ceiling;
      this.writtenAndMirrored = writtenAndMirrored;
      this.writtenAndPlainlyCopied = writtenAndPlainlyCopied;
    }

    String text() {
      return "ceiling " + ceiling + " ms, written and mirrored " + writtenAndMirrored + " ms"
          + (writtenAndPlainlyCopied < 0 ? "" : ", written and plainly copied " + writtenAndPlainlyCopied + " ms");
    }
  }

  ThroughputRound(int number, DataSetWriter.Pass ceiling, MirrorPhase unpaced, PlainCopier.Result plain,
      CpuCost cpu, JitTime jit) {
    this.number = number;
    this.cpu = cpu;
    this.jit = jit;
    this.ceiling = ceiling;
    this.unpaced = unpaced;
    this.plain = plain;
  }

  double ratio() {
    return unpaced.mirroredMibPerSecond() / ceiling.mibPerSecond();
  }

  /** The plain copy's throughput over the same ceiling: the machine's share of the shortfall. */
  double plainRatio() {
    return plain == null ? Double.NaN : plain.mibPerSecond() / ceiling.mibPerSecond();
  }

  /** The median of the rounds' ratios (the mean of the middle two for an even count). */
  static double medianRatio(List<ThroughputRound> rounds) {
    List<Double> ratios = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      ratios.add(r.ratio());
    }
    return median(ratios);
  }

  /** The median of the rounds' plain copy ratios, NaN when the rounds ran without the plain copy. */
  static double medianPlainRatio(List<ThroughputRound> rounds) {
    List<Double> ratios = new ArrayList<>();
    for (ThroughputRound r : rounds) {
      if (r.plain != null) {
        ratios.add(r.plainRatio());
      }
    }
    return ratios.isEmpty() ? Double.NaN : median(ratios);
  }

  static double median(List<Double> values) {
    List<Double> ratios = new ArrayList<>(values);
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
    m.put("cpu_ms_per_mib_ceiling", Units.round(cpu.ceiling, 2));
    m.put("cpu_ms_per_mib_written_and_mirrored", Units.round(cpu.writtenAndMirrored, 2));
    m.put("cpu_ms_per_mib_written_and_plainly_copied", Units.round(cpu.writtenAndPlainlyCopied, 2));
    m.put("jit_ms_ceiling", jit.ceiling);
    m.put("jit_ms_written_and_mirrored", jit.writtenAndMirrored);
    m.put("jit_ms_written_and_plainly_copied", jit.writtenAndPlainlyCopied);
    if (plain != null) {
      m.put("plain_copy_seconds", Units.round(Units.seconds(plain.nanos()), 3));
      m.put("plain_copy_written_mib_per_s", Units.round(plain.written.mibPerSecond(), 1));
      m.put("plain_copy_mib_per_s", Units.round(plain.mibPerSecond(), 1));
      m.put("plain_copy_ratio", Units.round(plainRatio(), 3));
    }
    return m;
  }
}
