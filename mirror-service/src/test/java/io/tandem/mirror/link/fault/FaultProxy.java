package io.tandem.mirror.link.fault;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TCP proxy on loopback between a client and one server, which a test can turn into a broken network.
 * Clients connect to {@link #address()}; each accepted connection gets its own connection to the target.
 *
 * <ul>
 *   <li>{@link #pass()}: bytes and closes flow both ways (after the delay set by {@link #latency}).
 *   <li>{@link #blackhole()} / {@link #blackhole(Direction)}: a partition. The proxy keeps accepting and reading,
 *       but what it reads in a cut direction, closes included, is dropped. New connections are accepted and never
 *       reach the server (their handshake is lost). When the direction is restored, every connection that lost
 *       bytes or a close that way is reset, as TCP gives up on a connection that lost data, so no stream ever
 *       resumes with a hole in it; connections that lost nothing carry on.
 *   <li>{@link #reset()}: every connection is closed with RST (both legs), and new ones are reset on arrival, like a
 *       host that refuses the port.
 * </ul>
 *
 * Mode changes take effect at once for every connection. Thread-safe; threads are daemons, one acceptor plus two
 * per direction of each connection.
 */
public final class FaultProxy implements Closeable {
  /** Which way bytes travel. */
  public enum Direction {
    /** From the client that connected to the proxy, to the server. */
    TO_SERVER,
    /** From the server back to the client. */
    TO_CLIENT
  }

  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong droppedBytes = new AtomicLong();
  private final AtomicLongArray latencyNanos = new AtomicLongArray(Direction.values().length);
  // Guarded by this: pumps decide to forward or drop under the same lock, so a mode change and the poisoning of a
  // connection cannot pass each other.
  private Faults faults = Faults.NONE;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort() + "-accept");
    acceptor.setDaemon(true);
  }

  /** A proxy in PASS mode on a free loopback port, forwarding to {@code target}. */
  public static FaultProxy start(InetSocketAddress target) throws IOException {
    FaultProxy proxy = new FaultProxy(target);
    proxy.acceptor.start();
    LOG.info("Fault proxy {} -> {} started", proxy.address(), target);
    return proxy;
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /** Everything flows again; connections that lost bytes or a close are reset. */
  public void pass() {
    change(Faults.NONE, "PASS");
  }

  /** Both directions cut. */
  public void blackhole() {
    change(new Faults(true, true, false), "BLACKHOLE both ways");
  }

  /** One direction cut, the other flowing; e.g. {@code TO_CLIENT}: the server hears the client, not the reverse. */
  public void blackhole(Direction cut) {
    change(new Faults(cut == Direction.TO_SERVER, cut == Direction.TO_CLIENT, false), "BLACKHOLE " + cut);
  }

  /** Every connection reset; new ones reset on arrival. */
  public void reset() {
    change(new Faults(false, false, true), "RESET");
  }

  /** Delays each byte travelling {@code direction} by this long (0 for none); order is kept. */
  public void latency(Direction direction, long ms) {
    latencyNanos.set(direction.ordinal(), TimeUnit.MILLISECONDS.toNanos(ms));
  }

  /** Connections accepted since start, reset or not. */
  public long acceptedConnections() {
    return accepted.get();
  }

  /** Bytes read and dropped in a blackhole since start; lets a test wait until a cut has bitten. */
  public long droppedBytes() {
    return droppedBytes.get();
  }

  /** Connections currently proxied or held. */
  public int openConnections() {
    return connections.size();
  }

  private void change(Faults next, String name) {
    List<ProxiedConnection> toReset = new ArrayList<>();
    synchronized (this) {
      faults = next;
      for (ProxiedConnection c : connections) {
        if (next.reset() || c.mustResetUnder(next)) {
          toReset.add(c);
        }
      }
    }
    for (ProxiedConnection c : toReset) {
      c.reset();
    }
    LOG.info("Fault proxy {} -> {} now {}{}", address(), target, name,
        toReset.isEmpty() ? "" : "; reset " + toReset.size() + " connections");
  }

  synchronized Faults faults() {
    return faults;
  }

  void dropped(int bytes) {
    droppedBytes.addAndGet(bytes);
  }

  long latencyNanos(Direction direction) {
    return latencyNanos.get(direction.ordinal());
  }

  void ended(ProxiedConnection connection) {
    connections.remove(connection);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("Fault proxy {} stopped accepting: {}", address(), e.toString());
        }
        return;
      }
      accepted.incrementAndGet();
      admit(client);
    }
  }

  private void admit(Socket client) {
    Faults now = faults();
    if (now.reset()) {
      resetQuietly(client);
      return;
    }
    Socket server = null;
    if (!now.dropsAny()) {
      server = new Socket();
      try {
        server.connect(target, CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        LOG.warn("Fault proxy {} cannot reach {}: {}", address(), target, e.toString());
        resetQuietly(client);
        resetQuietly(server);
        return;
      }
    }
    ProxiedConnection connection = new ProxiedConnection(this, client, server);
    connections.add(connection);
    connection.start();
  }

  static void resetQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0); // close with RST, not FIN
      }
    } catch (SocketException e) {
      // Already unusable: closing is all that is left.
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more can be done for a socket being discarded.
    }
  }

  /** Stops accepting and resets every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("Fault proxy {}: closing the listener: {}", target, e.toString());
    }
    for (ProxiedConnection c : new ArrayList<>(connections)) {
      c.reset();
    }
  }

  /** What the proxy does to traffic now. */
  record Faults(boolean dropToServer, boolean dropToClient, boolean reset) {
    static final Faults NONE = new Faults(false, false, false);

    boolean drops(Direction direction) {
      return direction == Direction.TO_SERVER ? dropToServer : dropToClient;
    }

    boolean dropsAny() {
      return dropToServer || dropToClient;
    }
  }
}
