package io.tandem.mirror.link.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkState;
import io.tandem.mirror.wire.Frame;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.WireFormat;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of the link to one peer site: up to {@code tandem.link.connections} connections to the peer's
 * {@link LinkServer}, their heartbeats, and the link's one {@link io.tandem.mirror.link.LinkStateMachine}.
 *
 * <p><b>Heartbeats.</b> Every open connection sends a heartbeat each interval; the peer answers each at once with
 * its own, echoing our send time, and every answer goes to the state machine (and measures a round trip). While the
 * link is CONNECTING, DOWN or on PROBATION only connection 0, the probe, is open (re-dialled with backoff when it
 * fails), and it carries heartbeats only: that is how the link sees the peer return. When probation passes, all n
 * connections open and carry requests (REPLAYING, then UP). Every gap closes them all and the probe starts again.
 * A single connection that hears nothing for twice the timeout closes itself and is re-dialled.
 *
 * <p><b>Requests.</b> {@link #send} routes by ordering key to a fixed connection, so requests of one key reach the
 * peer in the order sent; it fails at once with {@link LinkDownException} unless the link is REPLAYING or UP. The
 * {@link LinkListener} hears every change of state, replays the backlog on REPLAYING and reports the end with
 * {@link #backlogDrained(long)}.
 *
 * <p>Starts once and closes once (LATENT, STARTED, CLOSED). Thread-safe.
 */
public final class PeerLink implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
  private static final byte[] NO_CONTENT = new byte[0];
  private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final AtomicLong lastSeq = new AtomicLong();
  private final PeerLinkContext link;
  private final LinkDriver driver;
  private final ConnectionSlots slots;
  private final EventLoopGroup group;

  private PeerLink(Builder b) {
    String name = b.authenticator.localSiteId() + " -> " + b.peerSite;
    this.group = new NioEventLoopGroup(Math.min(b.config.ioThreads(), b.config.connections()),
        new DefaultThreadFactory("tandem-link-" + b.peerSite, true));
    this.driver = new LinkDriver(name, b.peerSite, b.config.timings(), b.clock, b.listener);
    this.link = new PeerLinkContext(b.authenticator.localSiteId(), b.peerSite, b.peerAddresses, b.config, b.clock,
        b.localEpoch, new LinkMeters(), driver);
    this.slots = new ConnectionSlots(link, new Dialer(group, link, b.authenticator, b.tls), group);
  }

  /**
   * @param peerSite the site that must answer at {@code peerAddress}; a server proving another id is refused
   * @param peerAddress {@code tandem.link.peer.<site>.address}
   */
  public static Builder builder(String peerSite, InetSocketAddress peerAddress, LinkTransportConfig config,
      LinkAuthenticator authenticator) {
    return new Builder(peerSite, java.util.List.of(Objects.requireNonNull(peerAddress, "peerAddress")), config,
        authenticator);
  }

  /**
   * A link to a peer whose agents listen at {@code peerAddresses} (an HA pair: only the leading one listens; the
   * link dials one and moves to the next when it refuses).
   */
  public static Builder builder(String peerSite, java.util.List<InetSocketAddress> peerAddresses,
      LinkTransportConfig config,
      LinkAuthenticator authenticator) {
    return new Builder(peerSite, peerAddresses, config, authenticator);
  }

  /** Starts dialling the probe connection; the link is CONNECTING until the peer's heartbeats are healthy. */
  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("the link " + link.linkName() + " is " + lifecycle.get()
          + "; it starts only once");
    }
    driver.start(slots);
    LOG.info("Link {} started toward {}: {}", link.linkName(), link.peerAddress(), link.config());
  }

  /**
   * Sends one request to the peer's {@link RequestHandler}. The payload is handed over, not copied: the caller
   * does not change it afterwards.
   *
   * @param epoch the epoch the request speaks for (the receiver refuses one older than the volume's)
   * @param orderingKey requests with equal keys (e.g. one volume) travel on one connection, in the order sent
   * @return completes with the response payload; fails with {@link LinkDownException} at once when the link carries
   *     no requests now, or with another {@link LinkRequestException} (connection lost, timeout, the peer's handler
   *     failed). Completes on a link I/O thread: use the async variants for heavy work.
   * @throws IllegalArgumentException when the payload cannot fit in one frame, or the epoch is negative
   */
  public CompletableFuture<byte[]> send(long epoch, byte[] payload, int orderingKey) {
    return send(epoch, payload, NO_CONTENT, 0, 0, orderingKey);
  }

  /**
   * {@link #send(long, byte[], int)} of a payload in two parts: {@code head}, then {@code length} bytes of
   * {@code content} from {@code offset} (a request's file content, sent from the array it was read into). Both are
   * handed over, not copied.
   */
  public CompletableFuture<byte[]> send(long epoch, byte[] head, byte[] content, int offset, int length,
      int orderingKey) {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(content, "content");
    long payloadLength = (long) head.length + length;
    if (WireFormat.frameLength(payloadLength) > link.config().maxFrameLength()) {
      throw new IllegalArgumentException("a request of " + payloadLength + " bytes exceeds the link's "
          + link.config().maxFrameLength() + "-byte frame limit; split it");
    }
    if (lifecycle.get() != Lifecycle.STARTED) {
      return failed(new LinkDownException("the link " + link.linkName() + " is " + lifecycle.get()));
    }
    OutboundRequest request = new OutboundRequest(Frame.handOver(FrameType.REQUEST, lastSeq.incrementAndGet(), epoch,
        head, content, offset, length));
    ScheduledFuture<?> timeout = scheduleTimeout(request);
    if (!slots.forKey(orderingKey).submit(request)) {
      request.fail(new LinkDownException("the link " + link.linkName() + " carries no requests while "
          + driver.snapshot().state() + "; queue the request until the link is UP"));
    }
    if (timeout != null) {
      request.result().whenComplete((response, error) -> timeout.cancel(false));
    }
    return request.result();
  }

  private ScheduledFuture<?> scheduleTimeout(OutboundRequest request) {
    long timeoutMs = link.config().requestTimeoutMs();
    try {
      return group.schedule(() -> request.fail(new LinkRequestTimeoutException("no response from "
          + link.peerSite() + " to request " + request.seq() + " within " + timeoutMs + " ms")), timeoutMs,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      request.fail(new LinkDownException("the link " + link.linkName() + " is closing"));
      return null;
    }
  }

  private static CompletableFuture<byte[]> failed(Throwable problem) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    f.completeExceptionally(problem);
    return f;
  }

  /**
   * The listener replayed the whole backlog of replay {@code replayId} (from the {@code ReplayingState} it was
   * given); the link turns UP unless a gap came first. A report for an earlier replay changes nothing.
   *
   * @throws IllegalArgumentException when no replay with that id was started
   */
  public void backlogDrained(long replayId) {
    driver.backlogDrained(replayId);
  }

  public String peerSite() {
    return link.peerSite();
  }

  /** The link's state and since when, in the link's clock. */
  public LinkState state() {
    return driver.snapshot().state();
  }

  /** Whether {@link #send} would pass the request on now: the link is REPLAYING or UP. */
  public boolean acceptsRequests() {
    LinkPhase phase = state().phase();
    return lifecycle.get() == Lifecycle.STARTED && (phase == LinkPhase.REPLAYING || phase == LinkPhase.UP);
  }

  public PeerLinkStatus status() {
    LinkSnapshot s = driver.snapshot();
    List<ConnectionStatus> connections = slots.status();
    long inFlight = 0;
    for (ConnectionStatus c : connections) {
      inFlight += c.requestsInFlight() + c.requestsWaiting();
    }
    LinkMeters meters = link.meters();
    return new PeerLinkStatus(link.peerSite(), String.valueOf(link.peerAddress()), s.state(), s.gapsDetected(),
        s.lastHeardFromPeerMs(), meters.lastRoundTripMs(), inFlight, meters.bytesSent(), meters.bytesReceived(),
        s.highestPeerEpoch(), connections);
  }

  /** Closes every connection; requests not yet answered fail with {@link LinkDownException}. Idempotent. */
  @Override
  public void close() {
    Lifecycle before = lifecycle.getAndSet(Lifecycle.CLOSED);
    if (before == Lifecycle.CLOSED) {
      return;
    }
    driver.stop();
    slots.closeAll("the link " + link.linkName() + " is closed");
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    try {
      group.terminationFuture().await(SHUTDOWN_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while closing the link {}; its threads finish on their own", link.linkName());
    }
    if (before == Lifecycle.STARTED) {
      LOG.info("Link {} closed", link.linkName());
    }
  }

  /** Builds a {@link PeerLink}; the peer, its address, the transport settings and authentication are required. */
  public static final class Builder {
    private final String peerSite;
    private final java.util.List<InetSocketAddress> peerAddresses;
    private final LinkTransportConfig config;
    private final LinkAuthenticator authenticator;
    private LinkListener listener = LinkListener.NONE;
    private LinkTls tls = LinkTls.disabled();
    private LongSupplier clock = LinkClocks.monotonicMillis();
    private LongSupplier localEpoch = () -> 0L;

    private Builder(String peerSite, java.util.List<InetSocketAddress> peerAddresses, LinkTransportConfig config,
        LinkAuthenticator authenticator) {
      this.peerSite = Objects.requireNonNull(peerSite, "peerSite");
      this.peerAddresses = java.util.List.copyOf(peerAddresses);
      if (this.peerAddresses.isEmpty()) {
        throw new IllegalArgumentException("no address for peer " + peerSite);
      }
      this.config = Objects.requireNonNull(config, "config");
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      if (peerSite.equals(authenticator.localSiteId())) {
        throw new IllegalArgumentException("a link from site " + peerSite + " to itself");
      }
    }

    public Builder listener(LinkListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** TLS from {@link LinkTls#client}; the caller keeps ownership and closes it after the link. */
    public Builder tls(LinkTls clientTls) {
      this.tls = Objects.requireNonNull(clientTls, "tls");
      return this;
    }

    /**
     * The link's clock, read for heartbeat send times, silences, probation and status; tests inject one. It need not
     * agree with the peer's: only our own times come back to be compared.
     */
    public Builder clock(LongSupplier millis) {
      this.clock = Objects.requireNonNull(millis, "clock");
      return this;
    }

    /** The epoch this site's heartbeats carry (receivers refuse a lower one; site failover raises it); 0 until failover assigns epochs. */
    public Builder localEpoch(LongSupplier epoch) {
      this.localEpoch = Objects.requireNonNull(epoch, "localEpoch");
      return this;
    }

    public PeerLink build() {
      return new PeerLink(this);
    }
  }
}
