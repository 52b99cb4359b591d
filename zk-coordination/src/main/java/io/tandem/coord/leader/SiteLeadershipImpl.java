package io.tandem.coord.leader;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.LeaderEpoch;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.FencedException;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SiteLeadership} on Curator's {@link LeaderLatch}. Winning the latch is not enough to act: the winner first
 * raises the leader epoch in a transaction that checks its own latch node, and only then holds a token. Losing is
 * immediate: the token is dropped on the connection-state thread the moment ZooKeeper reports SUSPENDED or LOST,
 * before listeners hear of it.
 */
final class SiteLeadershipImpl implements SiteLeadership {
  private static final Logger LOG = LoggerFactory.getLogger(SiteLeadershipImpl.class);
  private static final long EPOCH_RETRY_MS = 1000;

  private final CuratorFramework client;
  private final ZnodePaths paths;
  private final String participantId;
  private final Clock clock;
  private final RecordStore<LeaderEpoch> epochs;
  private final LeaderLatch latch;
  private final ScheduledExecutorService events;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicReference<FencingToken> token = new AtomicReference<>();
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  private final ConnectionStateListener connectionListener = (c, newState) -> onConnectionStateChanged(newState);
  private final LeaderLatchListener latchListener = new LeaderLatchListener() {
    @Override
    public void isLeader() {
      tryToLead();
    }

    @Override
    public void notLeader() {
      revoke("another participant was elected");
    }
  };

  SiteLeadershipImpl(CuratorFramework client, ZnodePaths paths, String participantId, Clock clock, JsonCodec codec) {
    this.client = client;
    this.paths = paths;
    this.participantId = participantId;
    this.clock = clock;
    this.epochs = new RecordStore<>(client, LeaderEpoch.class, codec);
    this.latch = new LeaderLatch(client, paths.leader(), participantId, LeaderLatch.CloseMode.SILENT);
    this.events = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-leadership-" + participantId);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start() throws Exception {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("leadership of " + participantId + " cannot start: it is " + state.get());
    }
    client.getConnectionStateListenable().addListener(connectionListener);
    latch.addListener(latchListener, events);
    latch.start();
    LOG.info("{} joined the election at {}", participantId, paths.leader());
  }

  @Override
  public void close() {
    if (!state.compareAndSet(State.STARTED, State.CLOSED)) {
      state.compareAndSet(State.LATENT, State.CLOSED);
      events.shutdownNow();
      return;
    }
    revoke("leaving the election");
    client.getConnectionStateListenable().removeListener(connectionListener);
    try {
      latch.close();
    } catch (IOException | IllegalStateException e) {
      LOG.warn("{} could not leave the election cleanly: {}", participantId, e.toString());
    }
    events.shutdown();
    try {
      if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("{}: leadership listeners still running after 10 s; abandoning them", participantId);
        events.shutdownNow();
      }
    } catch (InterruptedException e) {
      events.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("{} left the election", participantId);
  }

  @Override
  public State state() {
    return state.get();
  }

  @Override
  public boolean isLeader() {
    return state.get() == State.STARTED && token.get() != null;
  }

  @Override
  public Optional<FencingToken> token() {
    return state.get() == State.STARTED ? Optional.ofNullable(token.get()) : Optional.empty();
  }

  @Override
  public String participantId() {
    return participantId;
  }

  @Override
  public Optional<String> currentLeaderId() {
    try {
      return LeaderLookup.currentLeader(client, paths);
    } catch (Exception e) {
      LOG.debug("cannot read the current leader: {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void addListener(LeadershipListener listener) {
    listeners.add(listener);
    FencingToken t = token.get();
    if (t != null) {
      runOnEvents(() -> {
        if (token.get() == t) {
          notifyAcquired(listener, t);
        }
      });
    }
  }

  /** Runs on the events thread after the latch elected us (or on reconnect, to re-check). */
  private void tryToLead() {
    if (state.get() != State.STARTED || !latch.hasLeadership() || token.get() != null) {
      return;
    }
    String ourPath = latch.getOurPath();
    if (ourPath == null) {
      return;
    }
    Fence latchHeld = new Fence() {
      @Override
      public List<org.apache.curator.framework.api.transaction.CuratorOp> guards(CuratorFramework c) throws Exception {
        return List.of(c.transactionOp().check().forPath(ourPath));
      }

      @Override
      public String toString() {
        return "latch node " + ourPath;
      }
    };
    try {
      Versioned<LeaderEpoch> raised = epochs.update(paths.leaderEpoch(),
          cur -> new LeaderEpoch(LeaderEpoch.FORMAT, cur == null ? 1 : cur.epoch + 1, participantId, clock.millis()),
          latchHeld).orElseThrow(() -> new IllegalStateException("leader epoch was not written"));
      FencingToken[] self = new FencingToken[1];
      FencingToken t = new FencingToken(raised.value().epoch, raised.version(), paths.leaderEpoch(), ourPath,
          participantId, () -> state.get() == State.STARTED && token.get() == self[0]);
      self[0] = t;
      if (state.get() != State.STARTED || !latch.hasLeadership() || !ourPath.equals(latch.getOurPath())
          || !client.getZookeeperClient().isConnected()) {
        LOG.info("{} lost the election while raising the epoch to {}", participantId, t.epoch());
        return;
      }
      token.set(t);
      if (!client.getZookeeperClient().isConnected() || !latch.hasLeadership()) {
        // The connection dropped between the check and the set: the revocation may have found no token yet.
        revoke("ZooKeeper connection lost while taking the lead");
        return;
      }
      LOG.info("{} leads the site at epoch {}", participantId, t.epoch());
      for (LeadershipListener l : listeners) {
        notifyAcquired(l, t);
      }
    } catch (FencedException e) {
      LOG.info("{}: latch node vanished before the epoch was raised; waiting for the next election", participantId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("{} won the election but could not raise the leader epoch ({}); retrying in {} ms", participantId,
          e.toString(), EPOCH_RETRY_MS);
      try {
        events.schedule(this::tryToLead, EPOCH_RETRY_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        LOG.debug("not retrying: closing");
      }
    }
  }

  private void onConnectionStateChanged(ConnectionState newState) {
    if (state.get() != State.STARTED) {
      return;
    }
    switch (newState) {
      case SUSPENDED:
      case LOST:
        revoke("ZooKeeper connection " + newState);
        break;
      case RECONNECTED:
      case CONNECTED:
        runOnEvents(this::tryToLead);
        break;
      default:
        break;
    }
  }

  /** Drops the token at once (callers of {@link #isLeader()} see it immediately) and tells listeners. */
  private void revoke(String reason) {
    FencingToken t = token.getAndSet(null);
    if (t == null) {
      return;
    }
    LOG.warn("{} stopped leading at epoch {}: {}", participantId, t.epoch(), reason);
    runOnEvents(() -> {
      for (LeadershipListener l : listeners) {
        try {
          l.leadershipLost(reason);
        } catch (RuntimeException e) {
          LOG.error("leadership listener {} failed on loss", l, e);
        }
      }
    });
  }

  private void notifyAcquired(LeadershipListener l, FencingToken t) {
    try {
      l.leadershipAcquired(t);
    } catch (RuntimeException e) {
      LOG.error("leadership listener {} failed on acquisition at epoch {}", l, t.epoch(), e);
    }
  }

  private void runOnEvents(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("leadership of {} closed; dropping an event", participantId);
    }
  }
}
