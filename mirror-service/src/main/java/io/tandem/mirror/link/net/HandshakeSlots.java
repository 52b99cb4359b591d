package io.tandem.mirror.link.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tandem.coord.log.LogEvery;
import io.tandem.mirror.wire.PeerAuthenticated;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections a {@link LinkServer} holds that have not authenticated yet: each waits at most the
 * handshake timeout anyway, but a flood of them must not exhaust the agent. A connection beyond the bound is closed
 * at once; refusals are logged at most every ten seconds, with their count. Thread-safe.
 */
final class HandshakeSlots {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeSlots.class);
  /** Handshakes at once: far more than peers and sync clients open in any burst. */
  static final int MAX_HANDSHAKES = 128;
  private static final long LOG_EVERY_MS = 10_000;

  private final int max;
  private final AtomicInteger inHandshake = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final LogEvery refusals = new LogEvery(LOG_EVERY_MS);

  HandshakeSlots(int max) {
    this.max = max;
  }

  /** A slot for a new connection, or null (the caller closes it) when all are taken. */
  ChannelInboundHandlerAdapter tryTake(String remote) {
    if (inHandshake.incrementAndGet() > max) {
      inHandshake.decrementAndGet();
      long n = refused.incrementAndGet();
      if (refusals.occurred(System.currentTimeMillis()) > 0) {
        LOG.warn("Refused a link connection from {}: {} connections are still authenticating ({} refused so far)",
            remote, max, n);
      }
      return null;
    }
    return new Slot();
  }

  int inHandshake() {
    return inHandshake.get();
  }

  long refused() {
    return refused.get();
  }

  /** Gives the slot back once the peer authenticated or the connection closed, whichever comes first. */
  private final class Slot extends ChannelInboundHandlerAdapter {
    private final AtomicBoolean held = new AtomicBoolean(true);

    private void release() {
      if (held.compareAndSet(true, false)) {
        inHandshake.decrementAndGet();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof PeerAuthenticated) {
        release();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      release();
      super.channelInactive(ctx);
    }
  }
}
