package io.tandem.mirror.link.net;

import io.tandem.coord.conf.LinkSettings;
import io.tandem.coord.retry.Backoff;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.wire.WireFormat;
import java.util.Objects;

/**
 * How the link's sockets behave: the configured timing and connection count (from {@code tandem.link.*}) plus the
 * transport's own bounds, which have defaults and no configuration keys. Immutable.
 */
public final class LinkTransportConfig {
  /** Generous for a request of up to 16 MiB over a slow WAN; a stuck request must fail eventually. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
  /** Twice the largest {@code tandem.link.connections}, so a peer that reconnects all at once is not refused. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_PEER = 128;
  public static final int DEFAULT_MAX_WAITING_REQUESTS = 10_000;
  public static final int DEFAULT_IO_THREADS = 2;

  private final LinkTimings timings;
  private final int connections;
  private final long requestTimeoutMs;
  private final long handshakeTimeoutMs;
  private final int maxFrameLength;
  private final int maxConnectionsPerPeer;
  private final int maxWaitingRequestsPerConnection;
  private final long reconnectBaseMs;
  private final long reconnectMaxMs;
  private final int ioThreads;

  private LinkTransportConfig(Builder b) {
    this.timings = b.timings;
    this.connections = positive("connections", b.connections);
    this.requestTimeoutMs = positive("request timeout", b.requestTimeoutMs);
    this.handshakeTimeoutMs = positive("handshake timeout", b.handshakeTimeoutMs);
    this.maxFrameLength = b.maxFrameLength;
    if (maxFrameLength < WireFormat.MIN_FRAME_LENGTH) {
      throw new IllegalArgumentException("max frame length " + maxFrameLength + " is below the "
          + WireFormat.MIN_FRAME_LENGTH + "-byte minimum");
    }
    this.maxConnectionsPerPeer = positive("max connections per peer", b.maxConnectionsPerPeer);
    this.maxWaitingRequestsPerConnection = positive("max waiting requests", b.maxWaitingRequestsPerConnection);
    this.reconnectBaseMs = positive("reconnect base delay", b.reconnectBaseMs);
    this.reconnectMaxMs = Math.max(reconnectBaseMs, b.reconnectMaxMs);
    this.ioThreads = positive("I/O threads", b.ioThreads);
  }

  private static int positive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }
    return value;
  }

  private static long positive(String what, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be > 0 ms, got " + value);
    }
    return value;
  }

  /** From the parsed {@code tandem.link.*} keys, with the transport's defaults for the rest. */
  public static LinkTransportConfig from(LinkSettings settings) {
    return builder(LinkTimings.from(settings)).connections(settings.connections()).build();
  }

  /**
   * Defaults: 4 connections; the handshake must finish within the heartbeat timeout; a failed connection is
   * re-dialled after half a heartbeat interval, backing off up to the heartbeat timeout, so a returning link is seen
   * within about one timeout.
   */
  public static Builder builder(LinkTimings timings) {
    return new Builder(timings);
  }

  public LinkTimings timings() {
    return timings;
  }

  /** Connections the sending side holds to one peer while the link carries requests. */
  public int connections() {
    return connections;
  }

  /** A request with no response after this long fails with {@link LinkRequestTimeoutException}. */
  public long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  /** TCP connect, TLS and the mutual authentication must all complete within this long. */
  public long handshakeTimeoutMs() {
    return handshakeTimeoutMs;
  }

  public int maxFrameLength() {
    return maxFrameLength;
  }

  /** The server refuses authenticated connections from one site beyond this many. */
  public int maxConnectionsPerPeer() {
    return maxConnectionsPerPeer;
  }

  /** Requests a connection holds while it re-dials, beyond which they fail at once. */
  public int maxWaitingRequestsPerConnection() {
    return maxWaitingRequestsPerConnection;
  }

  public Backoff reconnectBackoff() {
    return new Backoff(reconnectBaseMs, reconnectMaxMs);
  }

  public int ioThreads() {
    return ioThreads;
  }

  @Override
  public String toString() {
    return timings + ", " + connections + " connections, request timeout " + requestTimeoutMs
        + " ms, handshake timeout " + handshakeTimeoutMs + " ms, reconnect " + reconnectBaseMs + ".." + reconnectMaxMs
        + " ms";
  }

  /** Builds a {@link LinkTransportConfig}; the timings are required, everything else has a default. */
  public static final class Builder {
    private final LinkTimings timings;
    private int connections = 4;
    private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
    private long handshakeTimeoutMs;
    private int maxFrameLength = WireFormat.DEFAULT_MAX_FRAME_LENGTH;
    private int maxConnectionsPerPeer = DEFAULT_MAX_CONNECTIONS_PER_PEER;
    private int maxWaitingRequestsPerConnection = DEFAULT_MAX_WAITING_REQUESTS;
    private long reconnectBaseMs;
    private long reconnectMaxMs;
    private int ioThreads = DEFAULT_IO_THREADS;

    private Builder(LinkTimings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      this.handshakeTimeoutMs = timings.heartbeatTimeoutMs();
      this.reconnectBaseMs = Math.max(10, timings.heartbeatIntervalMs() / 2);
      this.reconnectMaxMs = timings.heartbeatTimeoutMs();
    }

    public Builder connections(int n) {
      this.connections = n;
      return this;
    }

    public Builder requestTimeoutMs(long ms) {
      this.requestTimeoutMs = ms;
      return this;
    }

    public Builder handshakeTimeoutMs(long ms) {
      this.handshakeTimeoutMs = ms;
      return this;
    }

    public Builder maxFrameLength(int bytes) {
      this.maxFrameLength = bytes;
      return this;
    }

    public Builder maxConnectionsPerPeer(int n) {
      this.maxConnectionsPerPeer = n;
      return this;
    }

    public Builder maxWaitingRequestsPerConnection(int n) {
      this.maxWaitingRequestsPerConnection = n;
      return this;
    }

    public Builder reconnectBackoffMs(long baseMs, long maxMs) {
      this.reconnectBaseMs = baseMs;
      this.reconnectMaxMs = maxMs;
      return this;
    }

    public Builder ioThreads(int n) {
      this.ioThreads = n;
      return this;
    }

    public LinkTransportConfig build() {
      return new LinkTransportConfig(this);
    }
  }
}
