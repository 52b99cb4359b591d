package io.tandem.mirror.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tandem.mirror.protocol.ShipClaimAnswer;
import io.tandem.mirror.protocol.ShipClaimAnswer.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of several sources shipping snapshots to one destination through the claim rule, on a fake
 * clock: sources ask, ship (a number of changes, then the commit), stop and come back at random. Checked throughout:
 * changes from two sources never interleave unless the first was silent for a whole lease; a live better source
 * gets the ship when every source offers in the window; a stopped holder's ship is taken over and finished.
 */
class ClaimSimulationTest {
  private static final long TICK = 100;
  private static final long WINDOW = 1000;
  private static final long LEASE = 3000;

  private static final class Source {
    final String site;
    final double score;
    boolean alive = true;
    boolean holding;
    long nextAskMs;
    int changesLeft;

    Source(String site, double score) {
      this.site = site;
      this.score = score;
    }
  }

  /** Runs one simulation; returns the snapshots committed, in order, each with the site that committed it. */
  private static List<String> run(long seed, int sources, int snapshots, double stopChance, double backChance) {
    Random random = new Random(seed);
    ClaimRule rule = new ClaimRule(WINDOW, LEASE);
    ClaimState state = ClaimState.EMPTY;
    List<Source> all = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      all.add(new Source("site-" + (char) ('a' + i), random.nextInt(4)));
    }
    Map<String, Long> lastHeard = new HashMap<>();
    String lastChanger = null;
    List<String> committed = new ArrayList<>();
    int snapshot = 1;
    long now = 0;
    for (int step = 0; step < 200_000 && snapshot <= snapshots; step++) {
      now += TICK;
      for (Source s : all) {
        if (!s.alive) {
          if (random.nextDouble() < backChance) {
            s.alive = true;
            s.holding = false; // its process restarted: it asks again before it ships
          }
          continue;
        }
        if (random.nextDouble() < stopChance) {
          s.alive = false;
          continue;
        }
        String snap = "s" + snapshot;
        if (!s.holding) {
          if (now < s.nextAskMs) {
            continue;
          }
          ClaimRule.Result r = rule.offer(state, s.site, snap, s.score, true, now);
          state = r.state;
          ShipClaimAnswer a = r.answer;
          if (a.outcome == Outcome.GRANTED) {
            s.holding = true;
            s.changesLeft = 5 + random.nextInt(20);
          } else if (a.outcome == Outcome.FINISH_FIRST) {
            fail("only one snapshot is ever in flight here, yet " + a);
          } else {
            s.nextAskMs = now + a.retryMs;
          }
          continue;
        }
        ClaimRule.Result r = rule.admit(state, s.site, true, true, now);
        state = r.state;
        if (!r.admitted()) {
          s.holding = false; // the ship was taken from it: back to asking
          s.nextAskMs = now + r.answer.retryMs;
          continue;
        }
        if (lastChanger != null && !lastChanger.equals(s.site)) {
          long silent = now - lastHeard.get(lastChanger);
          assertTrue(silent > LEASE, "seed " + seed + ": " + s.site + " changed the volume at "
              + now + " while " + lastChanger + " was heard " + silent + " ms before");
        }
        lastChanger = s.site;
        lastHeard.put(s.site, now);
        if (--s.changesLeft == 0) {
          state = rule.committed(state, s.site, "s" + snapshot, true, now);
          committed.add("s" + snapshot + " by " + s.site);
          snapshot++;
          lastChanger = null;
          for (Source o : all) {
            o.holding = false;
            o.nextAskMs = now;
          }
        }
      }
    }
    return committed;
  }

  @Test
  void atMostOneSourceChangesTheVolumeAtATimeAndEverySnapshotArrives() {
    for (long seed = 1; seed <= 200; seed++) {
      List<String> committed = run(seed, 3, 20, 0.01, 0.02);
      assertEquals(20, committed.size(), "seed " + seed + ": " + committed);
    }
  }

  @Test
  void withEverySourceLiveTheLeastLoadedShipsEachSnapshot() {
    for (long seed = 1; seed <= 50; seed++) {
      Random scores = new Random(seed);
      List<Double> s = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        s.add((double) scores.nextInt(4));
      }
      List<String> committed = run(seed, 4, 10, 0, 0);
      String best = null;
      double bestScore = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        if (s.get(i) < bestScore) {
          bestScore = s.get(i);
          best = "site-" + (char) ('a' + i);
        }
      }
      for (String c : committed) {
        assertTrue(c.endsWith("by " + best), "seed " + seed + ": " + committed + ", scores " + s);
      }
    }
  }

  @Test
  void aStoppedHolderIsTakenOverWithinALeaseAndAWindow() {
    ClaimRule rule = new ClaimRule(WINDOW, LEASE);
    ClaimState state = ClaimState.EMPTY;
    long now = 0;
    state = rule.offer(state, "site-b", "s1", 0, true, now).state;
    state = rule.offer(state, "site-a", "s1", 1, true, now).state;
    now += WINDOW;
    state = rule.offer(state, "site-b", "s1", 0, true, now).state;
    state = rule.admit(state, "site-b", true, true, now).state;
    long stoppedAt = now;
    ShipClaimAnswer a = null;
    while (a == null || a.outcome != Outcome.GRANTED) {
      now += TICK;
      ClaimRule.Result r = rule.offer(state, "site-a", "s1", 1, true, now);
      state = r.state;
      a = r.answer;
      assertTrue(now - stoppedAt <= LEASE + WINDOW + TICK, "not taken over after " + (now - stoppedAt) + " ms");
    }
    assertEquals("site-b", a.midShipBy);
  }
}
