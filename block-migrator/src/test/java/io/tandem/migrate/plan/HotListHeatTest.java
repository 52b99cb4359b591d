package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block heat measured from reported shares, and estimated from the ranking when a report has none. */
class HotListHeatTest {
  private static final NodeLoad NODE = new NodeLoad("dn-1", "/r1", 6, 500_000_000L, 0, 1.0, 3, 3_000);

  @Test
  void measuredSharesGiveEachBlockItsPartOfTheNodesReads() {
    List<BlockHeat> heat = HotListHeat.measured(NODE, 500, List.of(11L, 12L, 11L), List.of(0.2, 0.2, 0.5));
    assertEquals(2, heat.size(), "a repeated block counts once: " + heat);
    assertEquals(100, heat.get(0).readsPerSec(), 1e-9);
    assertEquals(100_000_000, heat.get(0).bytesReadPerSec(), 1e-3);
    assertEquals(heat.get(0).bytesReadPerSec(), heat.get(1).bytesReadPerSec(), 1e-3, "equal shares, equal heat");
  }

  @Test
  void theRankingAloneUnderstatesEvenlyReadBlocks() {
    List<BlockHeat> heat = HotListHeat.estimate(NODE, 500, List.of(11L, 12L, 13L, 14L, 15L),
        HotListHeat.DEFAULT_COVERAGE);
    assertTrue(heat.get(4).bytesReadPerSec() < heat.get(0).bytesReadPerSec() / 4, heat.toString());
  }

  @Test
  void badSharesAreRefusedNamingTheDataNode() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HotListHeat.measured(NODE, 500, List.of(11L, 12L), List.of(0.2)));
    assertTrue(e.getMessage().contains("dn-1") && e.getMessage().contains("2 hot blocks and 1 shares"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HotListHeat.measured(NODE, 500, List.of(11L), List.of(1.5)));
    assertThrows(IllegalArgumentException.class,
        () -> HotListHeat.measured(NODE, 500, List.of(11L), Arrays.asList((Double) null)));
    assertThrows(IllegalArgumentException.class,
        () -> HotListHeat.measured(NODE, 500, List.of(11L), List.of(Double.NaN)));
  }
}
