package io.tandem.mirror;

import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkState;
import io.tandem.mirror.link.ReplayingState;
import io.tandem.mirror.link.net.PeerLink;
import io.tandem.mirror.send.VolumeMirror;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side toward one peer: its link and the mirrors of the volumes this site is primary for. When the
 * link comes back from probation it replays: every volume ships its backlog from its checkpoint, and only when
 * all of them have caught up is the link told the backlog is drained, so live traffic follows the backlog.
 */
final class PeerSender implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerSender.class);

  private final PeerLink link;
  private final List<VolumeMirror> mirrors = new ArrayList<>();
  private final AtomicReference<ReplayingState> replaying = new AtomicReference<>();
  private final LongSupplier nowMs;
  private volatile long replayStartedMs;

  PeerSender(PeerLink link, LongSupplier nowMs) {
    this.link = link;
    this.nowMs = nowMs;
  }

  /** The link's listener: remembers a replay in progress (called on the link's driver thread; returns at once). */
  void onLinkStateChange(LinkState previous, LinkState current) {
    LOG.info("Link to {}: {} -> {}", link.peerSite(), previous.phase(), current.phase());
    if (current instanceof ReplayingState) {
      replayStartedMs = nowMs.getAsLong();
      replaying.set((ReplayingState) current);
    } else {
      replaying.set(null);
    }
  }

  void add(VolumeMirror mirror) {
    mirrors.add(mirror);
  }

  void start() {
    link.start();
    mirrors.forEach(VolumeMirror::start);
  }

  /** Called periodically: ends a replay once every volume has shipped its backlog since it began. */
  void checkReplayDrained() {
    ReplayingState r = replaying.get();
    if (r == null || link.state().phase() != LinkPhase.REPLAYING) {
      return;
    }
    for (VolumeMirror m : mirrors) {
      if (!m.stats().caughtUpSince(replayStartedMs)) {
        return;
      }
    }
    if (replaying.compareAndSet(r, null)) {
      LOG.info("Link to {}: backlog of {} volume(s) replayed; live traffic follows", link.peerSite(), mirrors.size());
      link.backlogDrained(r.replayId());
    }
  }

  PeerLink link() {
    return link;
  }

  List<VolumeMirror> mirrors() {
    return mirrors;
  }

  @Override
  public void close() {
    mirrors.forEach(VolumeMirror::close);
    link.close();
  }
}
