package io.tandem.mirror.link;

import static io.tandem.mirror.link.LinkFixture.INTERVAL_MS;
import static io.tandem.mirror.link.LinkFixture.START_MS;
import static io.tandem.mirror.link.LinkFixture.TIMEOUT_MS;
import static io.tandem.mirror.link.LinkStateMachineTest.assertTransitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the fields of a peer heartbeat do: the echo of our send time, and the sender's epoch. */
class HeartbeatContentTest {
  private final LinkFixture f = new LinkFixture();
  private final LinkStateMachine link = f.link;

  @Test
  void anEchoFromTheFutureIsNotOurs() {
    f.bringUp();
    f.advance(10);
    assertTransitions(f.hearEchoing(f.now() + 1), "UP -> DOWN", LinkAction.CLOSE_CONNECTIONS);
    assertEquals(LinkStateMachine.NEVER, link.peerHeardUsSentAtMs());
  }

  @Test
  void anEchoFromBeforeThisMachineExistedIsOurPreviousIncarnationsNotOurs() {
    f.advance(100);
    f.send();
    assertSame(LinkOutcome.UNCHANGED, f.hearEchoing(START_MS - 1), "the peer heard an agent that is gone");
    assertEquals(LinkPhase.CONNECTING, link.phase());
    assertTransitions(f.hearEchoing(START_MS), "CONNECTING -> PROBATION", LinkAction.NONE);
  }

  @Test
  void anOlderEchoOvertakenOnAnotherConnectionDoesNotAgeTheReport() {
    f.bringUp();
    long newest = f.now();
    f.advance(INTERVAL_MS);
    f.hearEchoing(newest - 4 * INTERVAL_MS);
    assertEquals(newest, link.peerHeardUsSentAtMs());
    f.advance(TIMEOUT_MS - INTERVAL_MS);
    assertSame(LinkOutcome.UNCHANGED, f.hearEchoing(newest - 4 * INTERVAL_MS));
    assertEquals(LinkPhase.UP, link.phase());
  }

  @Test
  void theHighestPeerEpochIsKeptAndLowerEpochsStillCountAsContact() {
    f.peerEpoch(3);
    f.bringUp();
    assertEquals(3, link.highestPeerEpoch());
    f.peerEpoch(5);
    f.beat();
    assertEquals(5, link.highestPeerEpoch());
    f.peerEpoch(4);
    for (int i = 0; i < 20; i++) {
      assertSame(LinkOutcome.UNCHANGED, f.beat(), "a lower epoch is still a live peer; fencing is failover's job");
    }
    assertEquals(5, link.highestPeerEpoch());
    assertEquals(LinkPhase.UP, link.phase());
  }

  @Test
  void epochZeroIsAnEpochAndNegativeOnesAreRefused() {
    f.peerEpoch(0);
    f.send();
    f.hear();
    assertEquals(0, link.highestPeerEpoch());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PeerHeartbeat(-1, 0, 0));
    assertEquals("heartbeat epoch must be >= 0, got -1", e.getMessage());
  }
}
