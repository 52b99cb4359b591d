package io.tandem.mirror.link.fault;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client socket and, unless the connection arrived during a blackhole and is only held, its socket to the server,
 * with a {@link Pump} each way. Ends with both sides closed normally (each direction saw its close through) or
 * reset.
 */
final class ProxiedConnection {
  private final FaultProxy proxy;
  private final Socket client;
  private final Socket server;
  private final Pump toServer;
  private final Pump toClient;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicInteger directionsClosed = new AtomicInteger();

  /** @param server null for a connection held in a blackhole: it never reaches the server */
  ProxiedConnection(FaultProxy proxy, Socket client, Socket server) {
    this.proxy = proxy;
    this.client = client;
    this.server = server;
    String name = "fault-proxy-" + client.getLocalPort() + "-" + client.getPort();
    this.toServer = new Pump(this, FaultProxy.Direction.TO_SERVER, client, server, name);
    this.toClient = server == null ? null : new Pump(this, FaultProxy.Direction.TO_CLIENT, server, client, name);
  }

  void start() {
    toServer.start();
    if (toClient != null) {
      toClient.start();
    }
  }

  FaultProxy proxy() {
    return proxy;
  }

  /** Under the proxy's lock: whether a change to {@code faults} must reset this connection. */
  boolean mustResetUnder(FaultProxy.Faults faults) {
    if (server == null) {
      return !faults.dropsAny(); // held: it never reached the server, so it cannot resume
    }
    return toServer.poisonedAndRestoredUnder(faults) || toClient.poisonedAndRestoredUnder(faults);
  }

  /** One direction delivered its close; when both have, the connection is over. */
  void directionClosed() {
    if (directionsClosed.incrementAndGet() == 2 && ended.compareAndSet(false, true)) {
      closeQuietly(client);
      closeQuietly(server);
      proxy.ended(this);
    }
  }

  /** Both legs closed with RST. */
  void reset() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    FaultProxy.resetQuietly(client);
    FaultProxy.resetQuietly(server);
    toServer.stop();
    if (toClient != null) {
      toClient.stop();
    }
    proxy.ended(this);
  }

  private static void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // The connection is over either way.
    }
  }
}
