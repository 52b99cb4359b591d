package io.tandem.mirror.link.net;

import io.tandem.mirror.link.LinkState;
import io.tandem.mirror.link.LinkStateMachine;

/** What the driver publishes after each event for other threads to read. Immutable. */
final class LinkSnapshot {
  private final LinkState state;
  private final long gapsDetected;
  private final long lastHeardFromPeerMs;
  private final long highestPeerEpoch;
  private final long latestReplayId;

  private LinkSnapshot(LinkState state, long gapsDetected, long lastHeardFromPeerMs, long highestPeerEpoch,
      long latestReplayId) {
    this.state = state;
    this.gapsDetected = gapsDetected;
    this.lastHeardFromPeerMs = lastHeardFromPeerMs;
    this.highestPeerEpoch = highestPeerEpoch;
    this.latestReplayId = latestReplayId;
  }

  static LinkSnapshot of(LinkStateMachine machine, long latestReplayId) {
    return new LinkSnapshot(machine.state(), machine.gapsDetected(), machine.lastHeardFromPeerMs(),
        machine.highestPeerEpoch(), latestReplayId);
  }

  LinkState state() {
    return state;
  }

  long gapsDetected() {
    return gapsDetected;
  }

  long lastHeardFromPeerMs() {
    return lastHeardFromPeerMs;
  }

  long highestPeerEpoch() {
    return highestPeerEpoch;
  }

  /** The id of the latest replay started, 0 before the first. */
  long latestReplayId() {
    return latestReplayId;
  }
}
