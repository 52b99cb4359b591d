package io.tandem.mirror.link.net;

/** One connection of a {@link PeerLink}, as seen at one moment: the sending side's connection array entry. */
public final class ConnectionStatus {
  /** Where the connection's socket stands. */
  public enum State {
    /** No socket and none planned: the role is OFF. */
    IDLE,
    /** Connecting, or connected and authenticating. */
    DIALLING,
    /** Authenticated: heartbeats (and, in role REQUESTS, requests) flow. */
    OPEN,
    /** The last attempt failed; the next one is scheduled with backoff. */
    WAITING_TO_REDIAL
  }

  /** Times that never happened, e.g. last heard on a connection never opened. */
  public static final long NEVER = Long.MIN_VALUE;

  private final int index;
  private final ConnectionRole role;
  private final State state;
  private final String remoteAddress;
  private final long openedAtMs;
  private final long lastHeardMs;
  private final long roundTripMs;
  private final int requestsInFlight;
  private final int requestsWaiting;
  private final int failuresInARow;
  private final long dials;
  private final String lastProblem;

  ConnectionStatus(int index, ConnectionRole role, State state, String remoteAddress, long openedAtMs,
      long lastHeardMs, long roundTripMs, int requestsInFlight, int requestsWaiting, int failuresInARow, long dials,
      String lastProblem) {
    this.index = index;
    this.role = role;
    this.state = state;
    this.remoteAddress = remoteAddress;
    this.openedAtMs = openedAtMs;
    this.lastHeardMs = lastHeardMs;
    this.roundTripMs = roundTripMs;
    this.requestsInFlight = requestsInFlight;
    this.requestsWaiting = requestsWaiting;
    this.failuresInARow = failuresInARow;
    this.dials = dials;
    this.lastProblem = lastProblem;
  }

  /** 0..n-1; requests with ordering key k use connection {@code floorMod(k, n)}; 0 is also the probe. */
  public int index() {
    return index;
  }

  public ConnectionRole role() {
    return role;
  }

  public State state() {
    return state;
  }

  /** The peer's address on the open connection, or null when none is open. */
  public String remoteAddress() {
    return remoteAddress;
  }

  public long openedAtMs() {
    return openedAtMs;
  }

  /** When anything last arrived on the open connection, in the link's clock; {@link #NEVER} when none is open. */
  public long lastHeardMs() {
    return lastHeardMs;
  }

  /** The last heartbeat round trip on the open connection, or -1. */
  public long roundTripMs() {
    return roundTripMs;
  }

  /** Requests written to the open connection and awaiting their response. */
  public int requestsInFlight() {
    return requestsInFlight;
  }

  /** Requests held for this connection while it re-dials. */
  public int requestsWaiting() {
    return requestsWaiting;
  }

  /** Attempts in a row that failed or closed before the peer answered a heartbeat; the backoff's exponent. */
  public int failuresInARow() {
    return failuresInARow;
  }

  /** Connection attempts since the link started. */
  public long dials() {
    return dials;
  }

  /** Why the last attempt or connection ended, or null. */
  public String lastProblem() {
    return lastProblem;
  }

  @Override
  public String toString() {
    return "connection " + index + " " + role + " " + state + (remoteAddress == null ? "" : " to " + remoteAddress)
        + ", " + requestsInFlight + " in flight, " + requestsWaiting + " waiting, " + failuresInARow + " failures"
        + (lastProblem == null ? "" : " (last: " + lastProblem + ")");
  }
}
