package io.tandem.mirror.link.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The n connection slots of one {@link PeerLink} and the policy for them: slot 0 alone, as the heartbeat probe, while
 * the link is CONNECTING, DOWN or on PROBATION; all n, carrying requests, while it is REPLAYING or UP. Requests of
 * one ordering key always use the same slot, so they reach the peer in the order they were sent.
 */
final class ConnectionSlots {
  private final ConnectionSlot[] slots;

  ConnectionSlots(PeerLinkContext link, Dialer dialer, ScheduledExecutorService timers) {
    this.slots = new ConnectionSlot[link.config().connections()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new ConnectionSlot(i, link, dialer, timers);
    }
  }

  ConnectionSlot forKey(int orderingKey) {
    return slots[Math.floorMod(orderingKey, slots.length)];
  }

  /** Heartbeats only, on slot 0; with {@code drop}, every open connection closes first (a gap was detected). */
  void probeOnly(String reason, boolean drop) {
    slots[0].assign(ConnectionRole.HEARTBEATS_ONLY, reason, drop);
    for (int i = 1; i < slots.length; i++) {
      slots[i].assign(ConnectionRole.OFF, reason, drop);
    }
  }

  /** All slots connected and carrying requests. */
  void carryRequests() {
    for (ConnectionSlot slot : slots) {
      slot.assign(ConnectionRole.REQUESTS, null, false);
    }
  }

  /** Every slot OFF: connections close, requests fail with {@link LinkDownException}. */
  void closeAll(String reason) {
    for (ConnectionSlot slot : slots) {
      slot.assign(ConnectionRole.OFF, reason, true);
    }
  }

  List<ConnectionStatus> status() {
    List<ConnectionStatus> out = new ArrayList<>(slots.length);
    for (ConnectionSlot slot : slots) {
      out.add(slot.status());
    }
    return out;
  }
}
