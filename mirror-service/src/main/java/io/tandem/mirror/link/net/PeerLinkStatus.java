package io.tandem.mirror.link.net;

import io.tandem.mirror.link.LinkState;
import java.util.List;

/** A {@link PeerLink} as seen at one moment, for {@code tandem status} and tests. Immutable. */
public final class PeerLinkStatus {
  private final String peerSite;
  private final String peerAddress;
  private final LinkState state;
  private final long gapsDetected;
  private final long lastHeardFromPeerMs;
  private final long roundTripMs;
  private final long requestsInFlight;
  private final long bytesSent;
  private final long bytesReceived;
  private final long highestPeerEpoch;
  private final List<ConnectionStatus> connections;

  PeerLinkStatus(String peerSite, String peerAddress, LinkState state, long gapsDetected, long lastHeardFromPeerMs,
      long roundTripMs, long requestsInFlight, long bytesSent, long bytesReceived, long highestPeerEpoch,
      List<ConnectionStatus> connections) {
    this.peerSite = peerSite;
    this.peerAddress = peerAddress;
    this.state = state;
    this.gapsDetected = gapsDetected;
    this.lastHeardFromPeerMs = lastHeardFromPeerMs;
    this.roundTripMs = roundTripMs;
    this.requestsInFlight = requestsInFlight;
    this.bytesSent = bytesSent;
    this.bytesReceived = bytesReceived;
    this.highestPeerEpoch = highestPeerEpoch;
    this.connections = List.copyOf(connections);
  }

  public String peerSite() {
    return peerSite;
  }

  public String peerAddress() {
    return peerAddress;
  }

  /** The phase and since when, in the link's clock. */
  public LinkState state() {
    return state;
  }

  public long gapsDetected() {
    return gapsDetected;
  }

  /** When the link's state machine last took a heartbeat from the peer; {@code LinkStateMachine.NEVER} before any. */
  public long lastHeardFromPeerMs() {
    return lastHeardFromPeerMs;
  }

  /** The latest heartbeat round trip on any connection, or -1 before the first. */
  public long roundTripMs() {
    return roundTripMs;
  }

  /** Requests sent or waiting for a connection and not yet answered. */
  public long requestsInFlight() {
    return requestsInFlight;
  }

  /** Bytes written to the link's sockets, TLS and framing included. */
  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  /** The highest epoch the peer's heartbeats carried, or {@code LinkStateMachine.NO_EPOCH}. */
  public long highestPeerEpoch() {
    return highestPeerEpoch;
  }

  public List<ConnectionStatus> connections() {
    return connections;
  }

  @Override
  public String toString() {
    return "link to " + peerSite + " at " + peerAddress + ": " + state + ", " + gapsDetected + " gaps, round trip "
        + roundTripMs + " ms, " + requestsInFlight + " requests in flight, " + bytesSent + " bytes sent, "
        + bytesReceived + " received, " + connections;
  }
}
