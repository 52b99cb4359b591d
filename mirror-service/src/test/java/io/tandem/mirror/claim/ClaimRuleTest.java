package io.tandem.mirror.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.protocol.ShipClaimAnswer;
import io.tandem.mirror.protocol.ShipClaimAnswer.Outcome;
import org.junit.jupiter.api.Test;

/** The claim decision on a fake clock: who ships a snapshot to a destination that several sites could ship it to. */
class ClaimRuleTest {
  private static final long WINDOW = 3000;
  private static final long LEASE = 10_000;
  private final ClaimRule rule = new ClaimRule(WINDOW, LEASE);
  private ClaimState state = ClaimState.EMPTY;
  private long now = 1_000_000;

  private ShipClaimAnswer offer(String site, String snapshot, double score) {
    ClaimRule.Result r = rule.offer(state, site, snapshot, score, true, now);
    state = r.state;
    return r.answer;
  }

  private ShipClaimAnswer change(String site) {
    ClaimRule.Result r = rule.admit(state, site, true, true, now);
    state = r.state;
    return r.answer;
  }

  /** {@code site} alone offers, is granted once the window closes, and changes the volume. */
  private void holdAndApply(String site, double score) {
    assertEquals(Outcome.WAIT, offer(site, "s1", score).outcome);
    now += WINDOW;
    assertEquals(Outcome.GRANTED, offer(site, "s1", score).outcome);
    assertNull(change(site));
  }

  @Test
  void offersInTheWindowWaitAndTheBestIsGrantedWhenItCloses() {
    assertEquals(Outcome.WAIT, offer("site-a", "s1", 1).outcome);
    now += 1000;
    ShipClaimAnswer b = offer("site-b", "s1", 0);
    assertEquals(Outcome.WAIT, b.outcome);
    assertEquals(2000, b.retryMs);
    now += 2000;
    ShipClaimAnswer a = offer("site-a", "s1", 1);
    assertEquals(Outcome.REFUSED, a.outcome, "site-b offered a lower score in the window");
    assertEquals("site-b", a.holder);
    assertEquals(Outcome.GRANTED, offer("site-b", "s1", 0).outcome);
    assertNull(change("site-b"), "the holder's changes are applied");
    ShipClaimAnswer refused = change("site-a");
    assertEquals(Outcome.REFUSED, refused.outcome, "nobody else's");
    assertTrue(refused.describe().contains("claimed by site-b"), refused.describe());
  }

  /**
   * Sources told to wait come back when the window closes: an offer made early in a window longer than the lease is
   * still the source's offer then, not one gone stale that lets whoever comes back first win.
   */
  @Test
  void aWindowLongerThanTheLeaseStillGrantsTheBestOffer() {
    ClaimRule longWindow = new ClaimRule(8000, 4000);
    ClaimState s = longWindow.offer(ClaimState.EMPTY, "site-a", "s1", 1, true, now).state;
    ClaimRule.Result b = longWindow.offer(s, "site-b", "s1", 0, true, now + 500);
    assertEquals(Outcome.WAIT, b.answer.outcome);
    ClaimRule.Result a = longWindow.offer(b.state, "site-a", "s1", 1, true, now + 8000);
    assertEquals(Outcome.REFUSED, a.answer.outcome, "site-b offered the lower score: " + a.answer.describe());
    assertEquals("site-b", a.answer.holder);
    ClaimRule.Result soon = longWindow.offer(a.state, "site-a", "s1", 1, true, now + 8000 + 100);
    assertEquals(Outcome.REFUSED, soon.answer.outcome, "the chosen site-b holds the ship for a lease from the close,"
        + " not from its offer: " + soon.answer.describe());
    ClaimRule.Result late = longWindow.offer(ClaimState.EMPTY, "site-a", "s1", 1, true, now);
    late = longWindow.offer(late.state, "site-b", "s1", 0, true, now + 500);
    late = longWindow.offer(late.state, "site-a", "s1", 1, true, now + 8000 + 4000 + 1);
    assertEquals(Outcome.WAIT, late.answer.outcome, "a lease after the window closed, a new window opens");
    late = longWindow.offer(late.state, "site-a", "s1", 1, true, now + 8000 + 4000 + 1 + 8000);
    assertEquals(Outcome.GRANTED, late.answer.outcome, "site-b, not heard from since the first window, is gone");
  }

  @Test
  void equalScoresGoToTheLowerSiteId() {
    offer("site-b", "s1", 0);
    offer("site-a", "s1", 0);
    now += WINDOW;
    assertEquals(Outcome.REFUSED, offer("site-b", "s1", 0).outcome);
    assertEquals(Outcome.GRANTED, offer("site-a", "s1", 0).outcome);
  }

  @Test
  void aBetterOfferTakesTheShipOnlyBeforeTheHolderChangedAnything() {
    offer("site-a", "s1", 2);
    now += WINDOW;
    assertEquals(Outcome.GRANTED, offer("site-a", "s1", 2).outcome);
    assertEquals(Outcome.GRANTED, offer("site-b", "s1", 1).outcome, "nothing applied yet: the better source takes it");
    assertEquals(Outcome.REFUSED, change("site-a").outcome, "the displaced source's changes are refused");
    assertNull(change("site-b"));
    assertEquals(Outcome.REFUSED, offer("site-c", "s1", 0).outcome, "once applying, the holder keeps it");
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheSnapshotMidShipIsFinishedFirst() {
    holdAndApply("site-b", 0);
    now += LEASE / 2;
    change("site-b"); // renews
    now += LEASE / 2 + 1;
    assertEquals(Outcome.REFUSED, offer("site-a", "s1", 1).outcome, "the lease runs from the holder's last request");
    now += LEASE / 2;
    ShipClaimAnswer newer = offer("site-a", "s2", 1);
    assertEquals(Outcome.FINISH_FIRST, newer.outcome, "site-b left s1 mid-ship");
    assertEquals("s1", newer.snapshot);
    assertEquals(Outcome.WAIT, offer("site-a", "s1", 1).outcome);
    now += WINDOW;
    ShipClaimAnswer taken = offer("site-a", "s1", 1);
    assertEquals(Outcome.GRANTED, taken.outcome);
    assertEquals("site-b", taken.midShipBy, "the new holder learns the directory is mid-ship");
    assertEquals(Outcome.REFUSED, change("site-b").outcome, "the old holder, back, is refused");
    assertNull(change("site-a"));
    state = rule.committed(state, "site-a", "s1", true, now);
    assertNull(state.holder);
    assertNull(state.midShip);
    assertEquals("site-a", state.last.by);
  }

  @Test
  void theHolderRenewsWithReadsAndIsNotDisplacedWhileHeard() {
    holdAndApply("site-b", 5);
    for (int i = 0; i < 5; i++) {
      now += LEASE - 1;
      state = rule.admit(state, "site-b", false, true, now).state;
      assertEquals(Outcome.REFUSED, offer("site-a", "s1", 0).outcome);
    }
  }

  @Test
  void aSingleSourceIsAlwaysGrantedAndAdmitted() {
    ClaimRule.Result r = rule.offer(ClaimState.EMPTY, "site-a", "s1", 3, false, now);
    assertEquals(Outcome.GRANTED, r.answer.outcome);
    assertTrue(rule.admit(ClaimState.EMPTY, "site-a", true, false, now).admitted());
  }

  @Test
  void aChangeWithoutAnyClaimIsRefused() {
    ShipClaimAnswer a = change("site-a");
    assertEquals(Outcome.REFUSED, a.outcome);
    assertNull(a.holder);
  }

  @Test
  void withoutAWindowTheFirstOfferIsGranted() {
    ClaimRule immediate = new ClaimRule(0, LEASE);
    assertEquals(Outcome.GRANTED, immediate.offer(ClaimState.EMPTY, "site-a", "s1", 1, true, now).answer.outcome);
  }
}
