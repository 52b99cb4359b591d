package io.tandem.coord;

import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsticks a Curator client that believes it is disconnected while its ZooKeeper handle is connected. Curator 5.2
 * (the version Hadoop ships) can end a session expiry that way: the expired handle's event thread writes its stale
 * "disconnected" after the new handle has connected (CURATOR-212), the client reports LOST, and from then on every
 * operation fails with ConnectionLoss, for good; an agent in that state never leads again. When the client has
 * been in that state for longer than a bound, the watchdog resets it, which closes the handle and opens a new
 * session, and the client reconnects (RECONNECTED) as after any expiry. A client that is disconnected because
 * ZooKeeper is unreachable is left to Curator's own retries.
 *
 * <p>Not thread-safe: one thread calls {@link #check()}, e.g. an agent's tick.
 */
public final class WedgedSessionWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(WedgedSessionWatchdog.class);

  private final CuratorFramework client;
  private final long boundMs;
  private final LongSupplier nowMs;
  private long wedgedSinceMs = -1;

  /** @param boundMs how long the client may stay wedged before it is reset: a session timeout is a good bound */
  public WedgedSessionWatchdog(CuratorFramework client, long boundMs, LongSupplier nowMs) {
    this.client = client;
    this.boundMs = boundMs;
    this.nowMs = nowMs;
  }

  /** A watchdog on a thread of its own; closing stops it. */
  public interface Watch extends Closeable {
    @Override
    void close();
  }

  /**
   * Keeps a watchdog on {@code client} on a thread of its own, for clients with no periodic thread to look from
   * (the NameNode's role watch, the placement policy). Closing stops it; the client itself is left open.
   */
  public static Watch watch(CuratorFramework client, long boundMs, String name) {
    WedgedSessionWatchdog watchdog = new WedgedSessionWatchdog(client, boundMs, System::currentTimeMillis);
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-zk-watchdog-" + name);
      t.setDaemon(true);
      return t;
    });
    long everyMs = Math.max(10, Math.min(1000, boundMs / 4));
    thread.scheduleWithFixedDelay(() -> {
      try {
        watchdog.check();
      } catch (RuntimeException e) {
        LOG.warn("ZooKeeper watchdog of {} failed a look; looking again", name, e);
      }
    }, everyMs, everyMs, TimeUnit.MILLISECONDS);
    return thread::shutdownNow;
  }

  /** One look; resets the client if it has been wedged for longer than the bound. True if it did. */
  public boolean check() {
    CuratorZookeeperClient z = client.getZookeeperClient();
    if (z.isConnected() || !handleConnected(z)) {
      wedgedSinceMs = -1;
      return false;
    }
    long now = nowMs.getAsLong();
    if (wedgedSinceMs < 0) {
      wedgedSinceMs = now;
      return false;
    }
    if (now - wedgedSinceMs < boundMs) {
      return false;
    }
    long wedgedMs = now - wedgedSinceMs;
    wedgedSinceMs = -1;
    try {
      LOG.warn("ZooKeeper client has counted itself disconnected for {} ms while its session 0x{} is connected"
          + " (a Curator race after a session expiry); resetting it for a new session", wedgedMs,
          Long.toHexString(z.getZooKeeper().getSessionId()));
      z.reset();
      return true;
    } catch (Exception e) {
      LOG.warn("Could not reset the wedged ZooKeeper client; trying again later", e);
      return false;
    }
  }

  private static boolean handleConnected(CuratorZookeeperClient z) {
    try {
      ZooKeeper handle = z.getZooKeeper();
      return handle != null && handle.getState().isConnected();
    } catch (Exception e) {
      LOG.debug("No ZooKeeper handle to look at: {}", e.toString());
      return false; // a queued background error, or a handle being replaced: not the wedge
    }
  }
}
