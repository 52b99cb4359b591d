package io.tandem.migrate.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One round's outcome: the moves to start, in planning order, and what was looked at and left. */
public final class Plan {
  private final List<PlannedMove> moves;
  private final List<SkippedCandidate> skipped;

  Plan(List<PlannedMove> moves, List<SkippedCandidate> skipped) {
    this.moves = Collections.unmodifiableList(new ArrayList<>(moves));
    this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
  }

  public List<PlannedMove> moves() {
    return moves;
  }

  public List<SkippedCandidate> skipped() {
    return skipped;
  }

  public boolean isEmpty() {
    return moves.isEmpty();
  }

  /** One line per move, then one per skip: the dry run's output. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (PlannedMove m : moves) {
      lines.add(m.toString());
    }
    for (SkippedCandidate s : skipped) {
      lines.add(s.toString());
    }
    return Collections.unmodifiableList(lines);
  }

  @Override
  public String toString() {
    return String.join("\n", describe());
  }
}
