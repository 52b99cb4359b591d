package io.tandem.mirror.link.net;

import java.net.InetSocketAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.tandem.coord.retry.Backoff;
import io.tandem.mirror.wire.LinkPipelines;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the n places a {@link PeerLink} keeps a connection: it dials, re-dials with backoff while its role wants a
 * connection, and routes the requests of its ordering keys to the open connection, holding them in order while it
 * re-dials. The link's driver sets the role; the I/O threads report the connection opening and closing; callers
 * submit requests. All of it under this object's lock, so requests of one slot reach the socket in submission order.
 * Requests are completed (failed) outside the lock, so their callbacks cannot run while it is held.
 */
final class ConnectionSlot {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSlot.class);

  private final int index;
  private final String name;
  private final PeerLinkContext link;
  private final Dialer dialer;
  private final Backoff backoff;
  private final ScheduledExecutorService timers;
  private final ArrayDeque<OutboundRequest> waiting = new ArrayDeque<>();
  private ConnectionRole role = ConnectionRole.OFF;
  /** The socket being dialled or open, null when none; events of any other channel are stale. */
  private Channel channel;
  private ClientConnection open;
  private ScheduledFuture<?> redial;
  private int failuresInARow;
  private long dials;
  private String lastProblem;

  ConnectionSlot(int index, PeerLinkContext link, Dialer dialer, ScheduledExecutorService timers) {
    this.index = index;
    this.name = "link connection " + index + " " + link.linkName();
    this.link = link;
    this.dialer = dialer;
    this.backoff = link.config().reconnectBackoff();
    this.timers = timers;
  }

  String peerSite() {
    return link.peerSite();
  }

  /**
   * Gives the slot its role. Requests waiting here fail with {@link LinkDownException} unless the role still carries
   * requests; with {@code dropConnection} (or role OFF) the current connection closes and its requests in flight fail
   * the same way. A slot whose role wants a connection dials (after backoff when it just dropped one).
   */
  void assign(ConnectionRole next, String reason, boolean dropConnection) {
    List<OutboundRequest> toFail = new ArrayList<>();
    Channel toClose = null;
    ClientConnection dropped = null;
    synchronized (this) {
      role = next;
      if (next != ConnectionRole.REQUESTS) {
        toFail.addAll(waiting);
        waiting.clear();
      }
      if ((dropConnection || next == ConnectionRole.OFF) && channel != null) {
        // Let go first: the close event of this channel is then stale, and cannot re-dial or log a failure.
        toClose = channel;
        dropped = open;
        channel = null;
        open = null;
      }
      if (next == ConnectionRole.OFF) {
        cancelRedial();
      } else if (toClose != null) {
        scheduleRedial();
      } else if (channel == null && redial == null) {
        dial();
      }
    }
    if (dropped != null) {
      dropped.stopHeartbeats();
      // Before the close, so these requests learn the link went DOWN rather than that a connection was lost.
      dropped.failAll(() -> new LinkDownException(reason));
    }
    if (toClose != null) {
      closeDeliberately(toClose);
    }
    for (OutboundRequest r : toFail) {
      r.fail(new LinkDownException(reason));
    }
  }

  /**
   * Closes a channel this slot let go. One still authenticating loses its auth handler first, which would otherwise
   * report the close as the peer's refusal.
   */
  private static void closeDeliberately(Channel ch) {
    try {
      ch.eventLoop().execute(() -> {
        if (ch.pipeline().get(LinkPipelines.AUTH) != null) {
          ch.pipeline().remove(LinkPipelines.AUTH);
        }
        ch.close();
      });
    } catch (IllegalStateException | RejectedExecutionException e) {
      ch.close(); // never registered, or its event loop is shutting down: nothing is left to report
    }
  }

  /**
   * Sends the request on the open connection, or holds it until the connection opens. False when this slot carries
   * no requests now (the link is not REPLAYING or UP); the caller then fails it with {@link LinkDownException}.
   */
  boolean submit(OutboundRequest request) {
    OutboundRequest overflow = null;
    synchronized (this) {
      if (role != ConnectionRole.REQUESTS) {
        return false;
      }
      if (open != null) {
        open.send(request);
        return true;
      }
      if (waiting.size() >= link.config().maxWaitingRequestsPerConnection()) {
        waiting.removeIf(OutboundRequest::isDone);
      }
      if (waiting.size() >= link.config().maxWaitingRequestsPerConnection()) {
        overflow = request;
      } else {
        waiting.add(request);
      }
    }
    if (overflow != null) {
      overflow.fail(new LinkDownException(name + " is re-dialling and already holds "
          + link.config().maxWaitingRequestsPerConnection() + " requests"));
    }
    return true;
  }

  ClientConnection newConnection(Channel ch) {
    return new ClientConnection(name + " to " + ch.remoteAddress(), ch, link);
  }

  /** The connection authenticated; false when the slot no longer wants it (the caller closes it). */
  synchronized boolean onOpen(ClientConnection connection) {
    if (connection.channel() != channel || role == ConnectionRole.OFF) {
      return false;
    }
    open = connection;
    int held = waiting.size();
    for (OutboundRequest r = waiting.poll(); r != null; r = waiting.poll()) {
      if (!r.isDone()) {
        connection.send(r);
      }
    }
    LOG.info("{} open ({}{})", connection, role, held > 0 ? ", sending " + held + " requests held while it dialled"
        : "");
    return true;
  }

  /** A heartbeat came back: the connection works, so the next failure starts the backoff afresh. */
  synchronized void onHeartbeat() {
    failuresInARow = 0;
  }

  /** The channel closed; {@code connection} is null when it closed before authenticating. */
  void onClosed(Channel ch, ClientConnection connection, String why) {
    if (connection != null) {
      connection.failAll(() -> new LinkConnectionLostException(connection + " closed before the response arrived: "
          + why));
    }
    synchronized (this) {
      if (ch != channel) {
        return; // dropped on purpose earlier; nothing more to do
      }
      channel = null;
      open = null;
      noteFailure(connection == null ? "could not authenticate with " + link.peerSite() + ": " + why : why,
          connection != null);
    }
  }

  private synchronized void onDialFailed(Channel ch, Throwable cause) {
    if (ch != channel) {
      return;
    }
    channel = null;
    InetSocketAddress dialed = link.peerAddress();
    link.nextAddressAfter(dialed); // with an HA pair listed, only the leading agent listens: try the other next
    noteFailure("cannot connect to " + dialed + ": " + cause.getMessage(), false);
  }

  /** Guarded by this. Logs the first failure in a row loudly and the rest quietly, then re-dials with backoff. */
  private void noteFailure(String problem, boolean wasOpen) {
    failuresInARow++;
    lastProblem = problem;
    boolean redialling = role != ConnectionRole.OFF;
    if (redialling) {
      scheduleRedial();
    }
    String next = redialling ? "; re-dialling" : "";
    if (wasOpen) {
      LOG.info("{} closed: {}{}", name, problem, next);
    } else if (failuresInARow == 1) {
      LOG.warn("{}: {}{} (further failures in a row are logged at DEBUG)", name, problem, next);
    } else {
      LOG.debug("{}: {} (failure {} in a row){}", name, problem, failuresInARow, next);
    }
  }

  /** Guarded by this. */
  private void scheduleRedial() {
    cancelRedial();
    long delayMs = backoff.delayMs(Math.max(0, failuresInARow - 1));
    try {
      redial = timers.schedule(this::redialNow, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("{}: not re-dialling, the link is closing", name);
    }
  }

  private synchronized void redialNow() {
    redial = null;
    if (role != ConnectionRole.OFF && channel == null) {
      dial();
    }
  }

  /** Guarded by this. */
  private void cancelRedial() {
    if (redial != null) {
      redial.cancel(false);
      redial = null;
    }
  }

  /** Guarded by this. */
  private void dial() {
    dials++;
    ChannelFuture connecting = dialer.dial(this);
    Channel ch = connecting.channel();
    channel = ch;
    connecting.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        onDialFailed(ch, f.cause());
      }
    });
  }

  synchronized ConnectionStatus status() {
    ConnectionStatus.State state;
    if (open != null) {
      state = ConnectionStatus.State.OPEN;
    } else if (channel != null) {
      state = ConnectionStatus.State.DIALLING;
    } else if (redial != null) {
      state = ConnectionStatus.State.WAITING_TO_REDIAL;
    } else {
      state = ConnectionStatus.State.IDLE;
    }
    ClientConnection c = open;
    return new ConnectionStatus(index, role, state,
        c == null ? null : String.valueOf(c.channel().remoteAddress()),
        c == null ? ConnectionStatus.NEVER : c.openedAtMs(),
        c == null ? ConnectionStatus.NEVER : c.lastHeardMs(),
        c == null ? LinkMeters.NO_ROUND_TRIP : c.roundTripMs(),
        c == null ? 0 : c.requestsInFlight(), waiting.size(), failuresInARow, dials, lastProblem);
  }

  void onUnmatchedResponse(long seq) {
    LOG.debug("{}: response to request {} arrived after it had already ended (timed out or cancelled)", name, seq);
  }

  @Override
  public String toString() {
    return name;
  }
}
