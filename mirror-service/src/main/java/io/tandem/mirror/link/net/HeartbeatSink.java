package io.tandem.mirror.link.net;

import io.tandem.mirror.link.PeerHeartbeat;

/** Where the connections of a {@link PeerLink} deliver the peer's heartbeats: its one state machine. */
interface HeartbeatSink {
  /** Called on an I/O thread; must only hand the heartbeat over. */
  void heartbeatReceived(PeerHeartbeat heartbeat);
}
