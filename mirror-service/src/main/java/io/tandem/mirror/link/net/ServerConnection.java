package io.tandem.mirror.link.net;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's entry for one authenticated connection: its socket, the peer, and when it last heard anything on it.
 * The receiving side of the link's connection array. Thread-safe: the I/O thread writes, status readers read.
 */
final class ServerConnection {
  private final Channel channel;
  private final String peerSite;
  private final String remoteAddress;
  private final long connectedAtMs;
  private volatile long lastHeardMs;
  private final AtomicInteger requestsInFlight = new AtomicInteger();
  private final AtomicLong requestsHandled = new AtomicLong();

  ServerConnection(Channel channel, String peerSite, long connectedAtMs) {
    this.channel = channel;
    this.peerSite = peerSite;
    this.remoteAddress = String.valueOf(channel.remoteAddress());
    this.connectedAtMs = connectedAtMs;
    this.lastHeardMs = connectedAtMs;
  }

  Channel channel() {
    return channel;
  }

  String peerSite() {
    return peerSite;
  }

  String remoteAddress() {
    return remoteAddress;
  }

  long lastHeardMs() {
    return lastHeardMs;
  }

  void heard(long nowMs) {
    lastHeardMs = nowMs;
  }

  void requestStarted() {
    requestsInFlight.incrementAndGet();
  }

  void requestEnded() {
    requestsInFlight.decrementAndGet();
    requestsHandled.incrementAndGet();
  }

  ServerConnectionStatus status() {
    return new ServerConnectionStatus(peerSite, remoteAddress, connectedAtMs, lastHeardMs, requestsInFlight.get(),
        requestsHandled.get());
  }

  @Override
  public String toString() {
    return peerSite + " at " + remoteAddress;
  }
}
