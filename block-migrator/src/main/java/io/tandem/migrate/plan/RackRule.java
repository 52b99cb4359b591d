package io.tandem.migrate.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a move within HDFS's default rack placement. Replacing the source replica by the target's (n replicas, R
 * racks in the cluster) is allowed only if, after it:
 *
 * <ol>
 *   <li>the block spans no fewer racks than before (as the HDFS Balancer's "do not reduce the number of racks");
 *   <li>the block spans at least min(2, R, n) racks: two racks whenever the cluster has more than one and the block
 *       more than one replica;
 *   <li>when the target's rack differs from the source's, the target's rack holds at most
 *       {@link #maxReplicasPerRack}(n, R) replicas: HDFS's default, which is 2 for 3 replicas on 2 or more racks.
 * </ol>
 *
 * A move within one rack leaves every rack's count unchanged, so rule 3 does not apply to it (a block already over
 * the limit may still leave a hot DataNode; it only must not gain a replica on the crowded rack).
 */
final class RackRule {
  private RackRule() {
  }

  /** BlockPlacementPolicyDefault's limit: (n - 1) / R + 2, lowered by one if that equals n; n if R or n <= 1. */
  static int maxReplicasPerRack(int replicas, int racks) {
    if (racks <= 1 || replicas <= 1) {
      return replicas;
    }
    int max = (replicas - 1) / racks + 2;
    return max == replicas ? max - 1 : max;
  }

  /** Why the move breaks rack placement, or empty if it does not. */
  static Optional<String> violation(List<String> beforeRacks, List<String> afterRacks, String sourceRack,
      String targetRack, int clusterRacks) {
    int before = new HashSet<>(beforeRacks).size();
    int after = new HashSet<>(afterRacks).size();
    int replicas = afterRacks.size();
    if (after < before) {
      return Optional.of("would narrow it from " + before + " racks to " + after);
    }
    int minRacks = Math.min(2, Math.min(clusterRacks, replicas));
    if (after < minRacks) {
      return Optional.of("would leave it on " + after + " rack of " + clusterRacks);
    }
    if (!sourceRack.equals(targetRack)) {
      Map<String, Integer> perRack = new HashMap<>();
      for (String r : afterRacks) {
        perRack.merge(r, 1, Integer::sum);
      }
      int max = maxReplicasPerRack(replicas, clusterRacks);
      int onTarget = perRack.get(targetRack);
      if (onTarget > max) {
        return Optional.of("would put " + onTarget + " replicas on rack " + targetRack + " (at most " + max + ")");
      }
    }
    return Optional.empty();
  }
}
