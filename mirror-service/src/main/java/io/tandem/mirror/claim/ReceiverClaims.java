package io.tandem.mirror.claim;

import io.tandem.coord.log.LogEvery;
import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.apply.ShipClaims;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims on this site's volumes while it leads: {@link ClaimRule}'s decisions, kept per volume and saved
 * whenever a grant, the mid-ship mark or the last arrival changes, before the answer is sent (so a new leader knows
 * them). One lock for all volumes: claims change a few times per ship, and each check is in memory.
 */
public final class ReceiverClaims implements ShipClaims {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverClaims.class);

  private final ClaimRule rule;
  private final ClaimStore store;
  private final LongSupplier clock;
  private final Map<String, ClaimState> states = new LinkedHashMap<>();
  private final LogEvery refusals = new LogEvery(10_000);

  public ReceiverClaims(ClaimRule rule, ClaimStore store, LongSupplier clock) {
    this.rule = rule;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public synchronized MirrorResponse offer(ReceivingVolume v, String sender, MirrorRequest r) {
    long now = clock.getAsLong();
    try {
      ClaimState before = state(v, now);
      ClaimRule.Result decided = rule.offer(before, sender, r.snapshot, r.claim.score, v.contested(), now);
      keep(v, before, decided.state, now);
      ClaimState.Holder h = decided.state.holder;
      if (h != null && (before.holder == null || !before.holder.site.equals(h.site)
          || !before.holder.snapshot.equals(h.snapshot))) {
        LOG.info("Volume {}: the ship of {} is granted to {} (score {}){}", v.name(), h.snapshot, h.site,
            h.score, decided.state.midShip == null ? ""
                : "; the directory is mid-ship, last written by " + decided.state.midShip.by);
      }
      return MirrorResponse.claim(Status.APPLIED, decided.answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MirrorResponse.of(Status.FAILED, "ship claim not decided: the receiver is closing");
    } catch (Exception e) {
      LOG.warn("Volume {}: the ship claim of {} could not be decided: {}", v.name(), sender, e.toString());
      return MirrorResponse.of(Status.FAILED, "ship claim not decided: " + e);
    }
  }

  @Override
  public synchronized Optional<MirrorResponse> admit(ReceivingVolume v, String sender, MirrorOp op) {
    if (!v.contested()) {
      return Optional.empty();
    }
    long now = clock.getAsLong();
    try {
      ClaimState before = state(v, now);
      ClaimRule.Result decided = rule.admit(before, sender, op.changesVolume(), true, now);
      keep(v, before, decided.state, now);
      if (decided.admitted()) {
        return Optional.empty();
      }
      long n = refusals.occurred(now);
      if (n > 0) {
        LOG.warn("Volume {}: refused {} from {}: {} ({} such refusal(s) in the last 10 s)", v.name(), op, sender,
            decided.answer.describe(), n);
      }
      return Optional.of(MirrorResponse.claim(Status.REFUSED, decided.answer));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(MirrorResponse.of(Status.FAILED, "ship claim not checked: the receiver is closing"));
    } catch (Exception e) {
      LOG.warn("Volume {}: could not check the ship claim of {}: {}", v.name(), sender, e.toString());
      return Optional.of(MirrorResponse.of(Status.FAILED, "ship claim not checked: " + e));
    }
  }

  @Override
  public synchronized void committed(ReceivingVolume v, String sender, String snapshot) {
    if (!v.contested()) {
      return;
    }
    long now = clock.getAsLong();
    try {
      ClaimState before = state(v, now);
      keep(v, before, rule.committed(before, sender, snapshot, true, now), now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Volume {}: the end of {}'s claim on {} was not saved: the receiver is closing", v.name(), sender,
          snapshot);
    } catch (Exception e) {
      // The snapshot is there: a new holder asking for it finds it and ships nothing.
      LOG.warn("Volume {}: the end of {}'s claim on {} was not saved: {}", v.name(), sender, snapshot, e.toString());
    }
  }

  /** Each contested volume's claims, for status. */
  public synchronized Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    long now = clock.getAsLong();
    states.forEach((volume, s) -> {
      String lease = s.holder == null ? ""
          : rule.live(s.holder, now) ? ", lease " + (s.holder.lastSeenMs + rule.leaseMs() - now) / 1000 + " s left"
              : ", lease expired";
      out.put(volume, s + lease);
    });
    return out;
  }

  /** The volume's claims; only contested volumes keep any. */
  private ClaimState state(ReceivingVolume v, long now) throws Exception {
    if (!v.contested()) {
      return ClaimState.EMPTY;
    }
    ClaimState s = states.get(v.name());
    if (s == null) {
      s = store.load(v.name(), now).orElse(ClaimState.EMPTY);
      states.put(v.name(), s);
    }
    return s;
  }

  private void keep(ReceivingVolume v, ClaimState before, ClaimState after, long now) throws Exception {
    if (!v.contested()) {
      return;
    }
    if (!after.sameRecord(before)) {
      store.save(v.name(), after, now);
    }
    states.put(v.name(), after);
  }
}
