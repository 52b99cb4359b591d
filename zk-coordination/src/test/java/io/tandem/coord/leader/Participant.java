package io.tandem.coord.leader;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.store.FencedException;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;

/**
 * One election participant with its own ZooKeeper session. While it leads, a worker thread keeps writing the
 * shared {@link WriteLog} record under its token, the way a coordinator acts, so tests can check that ZooKeeper
 * never accepts a write from a stale leader.
 */
final class Participant implements AutoCloseable {
  final String id;
  final CuratorFramework client;
  final SiteLeadership leadership;
  final AtomicLong fencedWrites = new AtomicLong();
  final AtomicLong acceptedWrites = new AtomicLong();
  private final RecordStore<WriteLog> log;
  private final String logPath;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread worker;

  Participant(String id, CuratorFramework client, ZnodePaths paths) throws Exception {
    this.id = id;
    this.client = client;
    this.leadership = SiteLeadership.builder(client, paths, id).build();
    this.log = new RecordStore<>(client, WriteLog.class, new JsonCodec());
    this.logPath = paths.site() + "/test-write-log";
    this.worker = new Thread(this::work, "writer-" + id);
    worker.setDaemon(true);
    leadership.start();
    worker.start();
  }

  private void work() {
    while (running.get()) {
      Optional<FencingToken> token = leadership.token();
      if (token.isEmpty()) {
        Thread.onSpinWait();
        continue;
      }
      FencingToken t = token.get();
      try {
        log.update(logPath, cur -> new WriteLog(WriteLog.FORMAT, t.epoch(), id, cur == null ? 1 : cur.count + 1), t);
        acceptedWrites.incrementAndGet();
      } catch (FencedException e) {
        fencedWrites.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // Connection trouble: the leadership will tell us.
      }
    }
  }

  boolean isLeader() {
    return leadership.isLeader();
  }

  @Override
  public void close() {
    running.set(false);
    worker.interrupt();
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leadership.close();
    client.close();
  }
}
