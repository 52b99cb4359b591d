package io.tandem.mirror.link.net;

/** One authenticated connection the server holds, as seen at one moment. Immutable. */
public final class ServerConnectionStatus {
  private final String peerSite;
  private final String remoteAddress;
  private final long connectedAtMs;
  private final long lastHeardMs;
  private final int requestsInFlight;
  private final long requestsHandled;

  ServerConnectionStatus(String peerSite, String remoteAddress, long connectedAtMs, long lastHeardMs,
      int requestsInFlight, long requestsHandled) {
    this.peerSite = peerSite;
    this.remoteAddress = remoteAddress;
    this.connectedAtMs = connectedAtMs;
    this.lastHeardMs = lastHeardMs;
    this.requestsInFlight = requestsInFlight;
    this.requestsHandled = requestsHandled;
  }

  public String peerSite() {
    return peerSite;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  /** When the peer authenticated, in the server's clock. */
  public long connectedAtMs() {
    return connectedAtMs;
  }

  /** When the last frame of any kind arrived on this connection, in the server's clock. */
  public long lastHeardMs() {
    return lastHeardMs;
  }

  /** Requests handed to a handler whose response has not been sent yet. */
  public int requestsInFlight() {
    return requestsInFlight;
  }

  /** Requests answered on this connection, successfully or not. */
  public long requestsHandled() {
    return requestsHandled;
  }

  @Override
  public String toString() {
    return peerSite + " at " + remoteAddress + " (last heard " + lastHeardMs + " ms, " + requestsInFlight
        + " in flight, " + requestsHandled + " handled)";
  }
}
