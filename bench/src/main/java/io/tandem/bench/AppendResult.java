package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The append phase's figures: append latency without and with moves under way, and what was moved meanwhile. */
final class AppendResult {
  /** The target: moves under way add less than this to the append p99. */
  static final double P99_OVERHEAD_TARGET = 0.20;

  final int files;
  final int recordBytes;
  final long seconds;
  final int rounds;
  final Latencies without;
  final long failuresWithout;
  final Latencies with;
  final long failuresWith;
  final String firstFailure;
  final long movesPlanned;
  final ScenarioResult.Moves moves;
  final List<String> problems;
  /** Slices without moves that started while a move of the slice before was still under way. */
  final int unsettledSlices;

  AppendResult(int files, int recordBytes, long seconds, int rounds, Appender without, Appender with, long movesPlanned,
      ScenarioResult.Moves moves, List<String> problems, int unsettledSlices) {
    this.files = files;
    this.recordBytes = recordBytes;
    this.seconds = seconds;
    this.rounds = rounds;
    this.without = without.latencies();
    this.failuresWithout = without.failures();
    this.with = with.latencies();
    this.failuresWith = with.failures();
    this.firstFailure = without.firstFailure() != null ? without.firstFailure() : with.firstFailure();
    this.movesPlanned = movesPlanned;
    this.moves = moves;
    this.problems = List.copyOf(problems);
    this.unsettledSlices = unsettledSlices;
  }

  /** p99 with moves over p99 without, minus 1. */
  double p99Overhead() {
    return with.p99OverheadOver(without);
  }

  /** Whether the comparison means anything: moves actually finished while the appends ran. */
  boolean movesHappened() {
    return moves.done > 0 || moves.restarts > 0;
  }

  boolean targetMet() {
    return movesHappened() && p99Overhead() < P99_OVERHEAD_TARGET;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", files);
    m.put("bytes_per_append", recordBytes);
    m.put("seconds_each", seconds);
    m.put("slices_each", rounds);
    m.put("without_moves", with(without, failuresWithout));
    m.put("with_moves", with(with, failuresWith));
    m.put("first_failed_append", firstFailure);
    m.put("moves_planned", movesPlanned);
    m.put("moves", moves.json());
    m.put("p99_overhead", Units.round(p99Overhead(), 3));
    m.put("p99_overhead_target", P99_OVERHEAD_TARGET);
    m.put("target_met", targetMet());
    m.put("files_verified", problems.isEmpty());
    m.put("problems", problems);
    m.put("slices_without_moves_started_with_moves_under_way", unsettledSlices);
    return m;
  }

  private static Map<String, Object> with(Latencies l, long failures) {
    Map<String, Object> m = l.json();
    m.put("failed", failures);
    return m;
  }
}
