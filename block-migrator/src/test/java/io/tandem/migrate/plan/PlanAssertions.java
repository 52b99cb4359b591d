package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Compact checks on a plan: moves as "block:source->target" strings, skips by cause. */
final class PlanAssertions {
  private PlanAssertions() {
  }

  static List<String> moves(Plan plan) {
    List<String> out = new ArrayList<>();
    for (PlannedMove m : plan.moves()) {
      out.add(m.blockId() + ":" + m.source() + "->" + m.target());
    }
    return out;
  }

  static void assertMoves(Plan plan, String... expected) {
    assertEquals(List.of(expected), moves(plan), plan.toString());
  }

  static SkippedCandidate skipOf(Plan plan, long blockId) {
    for (SkippedCandidate s : plan.skipped()) {
      if (s.concernsBlock() && s.blockId() == blockId) {
        return s;
      }
    }
    return fail("no skip for block " + blockId + " in\n" + plan);
  }

  static SkippedCandidate nodeSkipOf(Plan plan, String datanode) {
    for (SkippedCandidate s : plan.skipped()) {
      if (!s.concernsBlock() && s.datanodeUuid().equals(datanode)) {
        return s;
      }
    }
    return fail("no skip for DataNode " + datanode + " in\n" + plan);
  }
}
