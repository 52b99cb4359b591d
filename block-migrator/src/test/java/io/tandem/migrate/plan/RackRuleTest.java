package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RackRuleTest {
  @Test
  void maxReplicasPerRackIsHdfsDefault() {
    assertEquals(2, RackRule.maxReplicasPerRack(3, 2));
    assertEquals(2, RackRule.maxReplicasPerRack(3, 5));
    assertEquals(1, RackRule.maxReplicasPerRack(2, 2));
    assertEquals(3, RackRule.maxReplicasPerRack(4, 2));
    assertEquals(5, RackRule.maxReplicasPerRack(10, 3));
    assertEquals(3, RackRule.maxReplicasPerRack(3, 1), "one rack: no limit beyond the replica count");
    assertEquals(1, RackRule.maxReplicasPerRack(1, 4));
  }

  @Test
  void aMoveWithinARackIsAlwaysAllowed() {
    assertFalse(RackRule.violation(List.of("/a", "/a", "/b"), List.of("/a", "/a", "/b"), "/a", "/a", 2).isPresent());
  }

  @Test
  void threeReplicasOnOneRackAreRefused() {
    // with three replicas a third on one rack also narrows the block to one rack, which is checked first
    assertEquals("would narrow it from 2 racks to 1",
        RackRule.violation(List.of("/a", "/a", "/b"), List.of("/a", "/a", "/a"), "/b", "/a", 3).get());
  }

  @Test
  void aRackOverTheDefaultLimitIsRefusedEvenWhenNoRackIsLost() {
    assertEquals("would put 4 replicas on rack /b (at most 3)", RackRule.violation(
        List.of("/a", "/a", "/b", "/b", "/b", "/c"), List.of("/b", "/a", "/b", "/b", "/b", "/c"), "/a", "/b", 3).get());
  }

  @Test
  void theBlockNeverSpansFewerRacks() {
    assertTrue(RackRule.violation(List.of("/a", "/b", "/c"), List.of("/a", "/b", "/b"), "/c", "/b", 3).get()
        .startsWith("would narrow it from 3 racks to 2"));
  }

  @Test
  void aBlockOnOneRackOfAMultiRackClusterMustGainARack() {
    // a block misplaced on one rack may leave it, not move within it
    assertTrue(RackRule.violation(List.of("/a", "/a"), List.of("/a", "/a"), "/a", "/a", 2).get()
        .contains("1 rack of 2"));
    assertFalse(RackRule.violation(List.of("/a", "/a"), List.of("/b", "/a"), "/a", "/b", 2).isPresent());
  }

  @Test
  void oneRackClustersAndSingleReplicasHaveNoRackConstraint() {
    assertFalse(RackRule.violation(List.of("/a", "/a", "/a"), List.of("/a", "/a", "/a"), "/a", "/a", 1).isPresent());
    assertFalse(RackRule.violation(List.of("/a"), List.of("/b"), "/a", "/b", 3).isPresent());
  }
}
