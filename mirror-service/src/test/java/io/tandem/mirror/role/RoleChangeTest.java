package io.tandem.mirror.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.record.VolumeRole.Role;
import io.tandem.mirror.role.RoleChange.Action;
import io.tandem.mirror.role.RoleChange.PeerView;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoleChangeTest {
  private static VolumeRole role(Role r, long epoch) {
    return new VolumeRole(VolumeRole.FORMAT, "x", r, epoch, 0, "test");
  }

  private static RoleChange.Plan plan(Action a, VolumeRole local, PeerView peer, boolean force) {
    return RoleChange.plan(a, "x", "site-b", "site-a", local, peer, force, 1, "test");
  }

  @Test
  void demoteThenPromoteSwapsRolesAboveBothEpochs() {
    RoleChange.Plan demote = RoleChange.plan(Action.DEMOTE, "x", "site-a", "site-b", role(Role.PRIMARY, 1),
        PeerView.of(Optional.of(role(Role.REPLICA, 1))), false, 1, "test");
    assertEquals(Role.REPLICA, demote.local().role);
    assertEquals(2, demote.local().epoch);
    assertFalse(demote.peer().isPresent(), "demote leaves the peer alone");

    RoleChange.Plan promote = plan(Action.PROMOTE, role(Role.REPLICA, 1), PeerView.of(Optional.of(demote.local())), false);
    assertEquals(Role.PRIMARY, promote.local().role);
    assertEquals(3, promote.local().epoch);
    assertEquals(Role.REPLICA, promote.peer().get().role);
    assertEquals(3, promote.peer().get().epoch, "both sites store the new epoch");
  }

  @Test
  void refusalsNameTheVolumeTheSiteAndTheEpoch() {
    String r = plan(Action.PROMOTE, role(Role.REPLICA, 4), PeerView.of(Optional.of(role(Role.PRIMARY, 4))), false)
        .refusal().get();
    assertTrue(r.contains("site-a still holds volume x as PRIMARY at epoch 4") && r.contains("--force"), r);
    r = plan(Action.PROMOTE, role(Role.REPLICA, 4), PeerView.unreachable(), false).refusal().get();
    assertTrue(r.contains("cannot read the role of volume x on site-a"), r);
    r = plan(Action.PROMOTE, role(Role.PRIMARY, 5), PeerView.unreachable(), true).refusal().get();
    assertTrue(r.contains("already PRIMARY on site-b at epoch 5"), r);
    r = plan(Action.DEMOTE, role(Role.REPLICA, 5), PeerView.unreachable(), false).refusal().get();
    assertTrue(r.contains("already REPLICA on site-b at epoch 5"), r);
  }

  @Test
  void forcedPromotionDeposesAReachablePrimaryAndSkipsAnUnreachableOne() {
    RoleChange.Plan p = plan(Action.PROMOTE, role(Role.REPLICA, 2), PeerView.of(Optional.of(role(Role.PRIMARY, 7))), true);
    assertEquals(8, p.local().epoch);
    assertEquals(Role.REPLICA, p.peer().get().role);
    p = plan(Action.PROMOTE, role(Role.REPLICA, 2), PeerView.unreachable(), true);
    assertEquals(3, p.local().epoch);
    assertFalse(p.peer().isPresent());
  }

  /** Random sequences of operator actions on both sites: never two PRIMARY records at the same epoch, epochs only rise. */
  @Test
  void seededSimulationNeverLeavesTwoPrimariesAtOneEpochAndEpochsOnlyRise() {
    for (int seed = 0; seed < 100; seed++) {
      Random random = new Random(seed);
      VolumeRole[] sites = {role(Role.PRIMARY, 1), role(Role.REPLICA, 1)};
      for (int step = 0; step < 200; step++) {
        int here = random.nextInt(2);
        int there = 1 - here;
        boolean reachable = random.nextInt(5) != 0;
        boolean force = random.nextInt(4) == 0;
        Action a = random.nextBoolean() ? Action.PROMOTE : Action.DEMOTE;
        RoleChange.Plan p = RoleChange.plan(a, "x", "s" + here, "s" + there, sites[here],
            reachable ? PeerView.of(Optional.of(sites[there])) : PeerView.unreachable(), force, step, "sim");
        if (p.refusal().isPresent()) {
          continue;
        }
        assertTrue(p.local().epoch > sites[here].epoch, "epochs only rise (seed " + seed + ")");
        sites[here] = p.local();
        if (p.peer().isPresent()) {
          assertTrue(p.peer().get().epoch > sites[there].epoch);
          sites[there] = p.peer().get();
        }
        boolean bothPrimary = sites[0].role == Role.PRIMARY && sites[1].role == Role.PRIMARY;
        assertFalse(bothPrimary && sites[0].epoch == sites[1].epoch,
            "two primaries at one epoch after step " + step + " (seed " + seed + ")");
        if (!force && bothPrimary) {
          throw new AssertionError("an unforced change left two primaries (seed " + seed + ", step " + step + ")");
        }
      }
    }
  }
}
