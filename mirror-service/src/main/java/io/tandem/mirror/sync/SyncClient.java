package io.tandem.mirror.sync;

import io.tandem.mirror.client.LinkRequestClient;
import io.tandem.mirror.link.net.LinkRequestTimeoutException;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sync client's connection to its own site's agent: sends a {@link SyncBarrier} and waits for the answer. Holds
 * one authenticated connection, opened on first use and again after it closed (the agent closes a connection that
 * stays idle past the heartbeat timeout); tries each configured agent in turn, since only the leading one listens.
 * Thread-safe: concurrent barriers share the connection.
 */
public final class SyncClient implements Closeable {
  /** Added to a barrier's own timeout for the round trip, so the agent's TIMEOUT answer arrives before ours. */
  static final long ANSWER_MARGIN_MS = 5_000;

  private final List<InetSocketAddress> agents;
  private final String siteId;
  private final LinkAuthenticator auth;
  private final LinkTls tls;
  private final long connectTimeoutMs;
  private final long heartbeatMs;
  private final SyncCodec codec = new SyncCodec();
  private LinkRequestClient connection;
  private boolean closed;

  /**
   * @param agents this site's agents, tried in order
   * @param siteId this site's id: the agent must prove it
   * @param auth authenticates as this site's client ({@code ZkSettings.CLIENT_SITE_ID})
   */
  public SyncClient(List<InetSocketAddress> agents, String siteId, LinkAuthenticator auth, LinkTls tls,
      long connectTimeoutMs, long heartbeatMs) {
    if (agents.isEmpty()) {
      throw new IllegalArgumentException("no agent address to send sync barriers to");
    }
    this.agents = new ArrayList<>(agents);
    this.siteId = Objects.requireNonNull(siteId, "siteId");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.connectTimeoutMs = connectTimeoutMs;
    this.heartbeatMs = heartbeatMs;
  }

  /**
   * Waits for the agent's answer.
   *
   * @throws IOException when no agent answers at all (the caller treats it like a link down: the agent cannot vouch
   *     for the peer)
   */
  public SyncOutcome await(SyncBarrier barrier) throws IOException, InterruptedException {
    byte[] request = codec.encode(barrier);
    IOException last = null;
    // A connection the agent closed while idle fails the first try; one fresh connection settles it.
    for (int attempt = 0; attempt < 2; attempt++) {
      LinkRequestClient c = connection();
      try {
        byte[] answer = c.call(FrameType.SYNC_REQUEST, 0, request, barrier.timeoutMs() + ANSWER_MARGIN_MS);
        return codec.decodeOutcome(answer);
      } catch (LinkRequestTimeoutException e) {
        // The barrier's whole time is spent: asking again would double the wait. The connection may be dead
        // without knowing it (an agent host gone from the network): later barriers get a new one, while those
        // still waiting on this one keep their wait, and the last of them closes it.
        retire(c);
        throw e;
      } catch (IOException e) {
        last = e;
        drop(c);
      }
    }
    throw last;
  }

  private synchronized LinkRequestClient connection() throws IOException, InterruptedException {
    if (closed) {
      throw new IOException("sync client closed");
    }
    if (connection != null && connection.isOpen()) {
      return connection;
    }
    connection = null;
    connection = LinkRequestClient.connectToAny(agents, siteId, auth, tls, connectTimeoutMs, heartbeatMs);
    return connection;
  }

  private synchronized void retire(LinkRequestClient c) {
    if (connection == c) {
      connection = null;
    }
    if (c.idle()) {
      c.close();
    }
  }

  private synchronized void drop(LinkRequestClient c) {
    if (connection == c) {
      connection = null;
    }
    c.close();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
