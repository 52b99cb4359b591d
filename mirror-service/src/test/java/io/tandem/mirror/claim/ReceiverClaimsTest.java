package io.tandem.mirror.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.ShipClaimAnswer.Outcome;
import io.tandem.mirror.protocol.ShipClaimOffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The receiver's claims are saved when they change, so a new leader keeps the grant and the mid-ship mark. */
class ReceiverClaimsTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final Map<String, ClaimState> saved = new HashMap<>();
  private int saves;
  private final ClaimStore store = new ClaimStore() {
    @Override
    public Optional<ClaimState> load(String volume, long nowMs) {
      return Optional.ofNullable(saved.get(volume)).map(s -> s.restartedAt(nowMs));
    }

    @Override
    public void save(String volume, ClaimState state, long nowMs) {
      saves++;
      saved.put(volume, state);
    }
  };
  private final ReceivingVolume contested = new ReceivingVolume("w", "/w", Set.of("site-a", "site-b"));

  private ReceiverClaims leader() {
    return new ReceiverClaims(new ClaimRule(1000, 5000), store, clock::get);
  }

  private static MirrorRequest claim(String snapshot, double score) {
    return MirrorRequest.builder(MirrorOp.SHIP_CLAIM, "w", null, 0, 0).path("").snapshot(snapshot)
        .claim(ShipClaimOffer.of(score)).build();
  }

  @Test
  void aNewLeaderKeepsTheGrantAndTheMidShipMark() {
    ReceiverClaims first = leader();
    assertEquals(Outcome.WAIT, first.offer(contested, "site-b", claim("s1", 0)).claim.outcome);
    clock.addAndGet(1000);
    assertEquals(Outcome.GRANTED, first.offer(contested, "site-b", claim("s1", 0)).claim.outcome);
    assertTrue(first.admit(contested, "site-b", MirrorOp.WRITE).isEmpty());
    int savesAfterApplying = saves;
    assertTrue(first.admit(contested, "site-b", MirrorOp.WRITE).isEmpty());
    assertEquals(savesAfterApplying, saves, "a renewal alone is not written");

    ReceiverClaims second = leader();
    assertTrue(second.admit(contested, "site-b", MirrorOp.MKDIRS).isEmpty(), "the holder goes on under a new leader");
    MirrorResponse other = second.admit(contested, "site-a", MirrorOp.WRITE).orElseThrow();
    assertEquals(MirrorResponse.Status.REFUSED, other.status);
    assertTrue(other.message.contains("claimed by site-b"), other.message);
    assertTrue(second.admit(contested, "site-a", MirrorOp.LIST).isEmpty(), "reads are anyone's");
    assertTrue(second.describe().get("w").contains("held by site-b"), second.describe().toString());

    clock.addAndGet(5001);
    assertEquals(Outcome.FINISH_FIRST, second.offer(contested, "site-a", claim("s2", 1)).claim.outcome);
    assertEquals(Outcome.WAIT, second.offer(contested, "site-a", claim("s1", 1)).claim.outcome);
    clock.addAndGet(1000);
    MirrorResponse taken = second.offer(contested, "site-a", claim("s1", 1));
    assertEquals(Outcome.GRANTED, taken.claim.outcome);
    assertEquals("site-b", taken.claim.midShipBy);
    second.committed(contested, "site-a", "s1");
    assertEquals("site-a", saved.get("w").last.by);
    assertEquals(null, saved.get("w").holder);
  }

  @Test
  void aVolumeWithOneSenderKeepsNothing() {
    ReceivingVolume single = new ReceivingVolume("v", "/v", "site-b");
    ReceiverClaims claims = leader();
    assertEquals(Outcome.GRANTED, claims.offer(single, "site-b", claim("s1", 3)).claim.outcome);
    assertTrue(claims.admit(single, "site-b", MirrorOp.WRITE).isEmpty());
    claims.committed(single, "site-b", "s1");
    assertEquals(0, saves);
    assertTrue(claims.describe().isEmpty());
  }
}
