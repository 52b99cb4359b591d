package io.tandem.mirror.link.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.link.PeerHeartbeat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to the peer, the sending side's entry of the connection array: its socket, when it
 * last heard the peer, the last round trip, and the requests awaiting a response on it. Sends a heartbeat every
 * interval, and closes itself when it heard nothing for {@value #SILENCE_FACTOR} heartbeat timeouts, so a single
 * stuck socket is replaced while the others keep the link healthy. Twice, not once: when every connection falls
 * silent the link itself declares the gap after one timeout and closes them all, and its requests must learn that
 * the link went DOWN, not that one connection was lost.
 */
final class ClientConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
  static final int SILENCE_FACTOR = 2;

  private final String name;
  private final Channel channel;
  private final LinkTimings timings;
  private final PeerLinkContext link;
  private final long openedAtMs;
  private final ConcurrentMap<Long, OutboundRequest> inFlight = new ConcurrentHashMap<>();
  private volatile long lastHeardMs;
  private volatile long lastPeerSentAtMs = PeerHeartbeat.NOT_HEARD;
  private volatile long roundTripMs = LinkMeters.NO_ROUND_TRIP;
  private volatile String closeReason;
  private long heartbeatSeq; // I/O thread only
  private ScheduledFuture<?> ticker; // I/O thread only

  ClientConnection(String name, Channel channel, PeerLinkContext link) {
    this.name = name;
    this.channel = channel;
    this.link = link;
    this.timings = link.config().timings();
    this.openedAtMs = link.now();
    this.lastHeardMs = openedAtMs;
  }

  Channel channel() {
    return channel;
  }

  /** Registers the request and writes it; a write that fails fails the request. */
  void send(OutboundRequest request) {
    inFlight.put(request.seq(), request);
    request.result().whenComplete((payload, error) -> inFlight.remove(request.seq(), request));
    channel.writeAndFlush(request.frame()).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        request.fail(new LinkConnectionLostException("request " + request.seq() + " could not be written to "
            + name + ": " + f.cause()));
      }
    });
  }

  /** The request {@code seq} answers, now no longer in flight; null when unknown (e.g. it timed out). */
  OutboundRequest takeRequest(long seq) {
    return inFlight.remove(seq);
  }

  /** Fails every request in flight here; used when the connection closes or the link goes DOWN. */
  void failAll(Supplier<? extends Exception> problem) {
    List<OutboundRequest> pending = new ArrayList<>(inFlight.values());
    inFlight.clear();
    for (OutboundRequest r : pending) {
      r.fail(problem.get());
    }
  }

  int requestsInFlight() {
    return inFlight.size();
  }

  /** A heartbeat from the peer arrived on this connection: note it, measure the round trip, pass it to the link. */
  void heartbeatArrived(PeerHeartbeat heartbeat) {
    long now = link.now();
    lastHeardMs = now;
    lastPeerSentAtMs = heartbeat.sentAtMs();
    long echo = heartbeat.echoedSentAtMs();
    // The peer answers at once, echoing a send time of ours from this connection: a round trip in our clock.
    if (echo != PeerHeartbeat.NOT_HEARD && echo >= openedAtMs && echo <= now) {
      roundTripMs = now - echo;
      link.meters().roundTrip(roundTripMs);
    }
    link.heartbeats().heartbeatReceived(heartbeat);
  }

  /** Any frame counts as hearing the peer on this connection. */
  void heard() {
    lastHeardMs = link.now();
  }

  /** Starts the heartbeat ticker; call on the I/O thread once the connection is authenticated. */
  void startHeartbeats() {
    ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, timings.heartbeatIntervalMs(),
        TimeUnit.MILLISECONDS);
  }

  void stopHeartbeats() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  private void tick() {
    if (!channel.isActive()) {
      stopHeartbeats();
      return;
    }
    long now = link.now();
    long silentMs = now - lastHeardMs;
    if (silentMs > SILENCE_FACTOR * timings.heartbeatTimeoutMs()) {
      closeReason = "nothing heard on it for " + silentMs + " ms, over " + SILENCE_FACTOR
          + " heartbeat timeouts of " + timings.heartbeatTimeoutMs() + " ms";
      LOG.warn("Closing {}: {}", name, closeReason);
      stopHeartbeats();
      channel.close();
      return;
    }
    channel.writeAndFlush(HeartbeatPayload.frame(++heartbeatSeq, link.localEpoch(), now, lastPeerSentAtMs));
  }

  /** Why this side closed the connection, or null when it did not. */
  String closeReason() {
    return closeReason;
  }

  long lastHeardMs() {
    return lastHeardMs;
  }

  long roundTripMs() {
    return roundTripMs;
  }

  long openedAtMs() {
    return openedAtMs;
  }

  @Override
  public String toString() {
    return name;
  }
}
