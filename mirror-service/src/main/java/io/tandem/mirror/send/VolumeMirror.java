package io.tandem.mirror.send;

import io.tandem.coord.log.LogEvery;
import io.tandem.coord.retry.Backoff;
import io.tandem.mirror.capture.Change;
import io.tandem.mirror.capture.EditLog;
import io.tandem.mirror.capture.InotifyTranslator;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.snapshot.SnapshotNames;
import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of one async volume: tails the edit log from the last acknowledged transaction, ships each
 * change in order, and records the new position only after the peer acknowledged it. The edit log is the queue, so
 * nothing is held in memory while the link is down: the backlog is only counted, and replayed from the checkpoint
 * once the link is back. If the NameNode no longer has the edits needed, the volume is copied again in full (by
 * difference) and says so. One thread per volume drives it.
 */
public final class VolumeMirror implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeMirror.class);
  private static final long POLL_MS = 100;
  /** While sync barriers wait: read the edit log this often, so a barrier is not held by an idle poll. */
  private static final long SYNC_POLL_MS = 5;
  private static final long CHECKPOINT_EVERY_MS = 1000;

  /** Lifecycle. */
  private enum Lifecycle { LATENT, STARTED, CLOSED }

  private final VolumeEndpoints volume;
  private final MirrorTransport transport;
  private final CheckpointStore checkpoints;
  private final EditLog editLog;
  private final LongSupplier nowMs;
  private final long flushMs;
  private final MirrorStats stats = new MirrorStats();
  private final RetryingSender sender;
  private final RemoteLengths remote = new RemoteLengths();
  /** Whether a failure to list the open files was logged (it is said once). */
  private volatile boolean openFilesUnlisted;
  private final InotifyTranslator translator;
  private final Backoff backoff = new Backoff(200, 10_000);
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final Thread thread;
  private final Object wakeup = new Object();
  private final SyncWaiters syncWaiters = new SyncWaiters();
  /** Reads a large file's next chunk while the one before is on its way (see {@link FileShipper}). */
  private final java.util.concurrent.ExecutorService readAhead;
  /** The cursor the mirror's thread reads now, for {@link #barrier} to wake. */
  private volatile EditLog.Cursor currentCursor;
  /** Unacknowledged sync writes are logged at most this often, with the running count: loud, not a flood. */
  private static final long SYNC_WARN_EVERY_MS = 10_000;
  private final LogEvery syncWarnings = new LogEvery(SYNC_WARN_EVERY_MS);
  private volatile boolean paused;

  public VolumeMirror(VolumeEndpoints volume, MirrorTransport transport, CheckpointStore checkpoints,
      EditLog editLog, LongSupplier epoch, LongSupplier nowMs, long flushMs) {
    this.volume = volume;
    this.transport = transport;
    this.checkpoints = checkpoints;
    this.editLog = editLog;
    this.nowMs = nowMs;
    this.flushMs = flushMs;
    this.sender = new RetryingSender(transport, epoch, stats, new Backoff(200, 30_000), this::pause);
    this.translator = new InotifyTranslator(volume.volume(), volume.localRoot());
    this.thread = new Thread(this::run, "tandem-mirror-" + volume.volume());
    this.readAhead = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tandem-mirror-read-" + volume.volume());
      t.setDaemon(true);
      return t;
    });
    this.thread.setDaemon(true);
  }

  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("mirror of " + volume.volume() + " cannot start: it is " + lifecycle.get());
    }
    thread.start();
  }

  /** Pauses or resumes shipping ({@code tandem mirror pause|resume}); the backlog waits in the edit log. */
  public void setPaused(boolean pause) {
    if (this.paused != pause) {
      LOG.info("Mirror of {} {}", volume.volume(), pause ? "paused by the operator" : "resumed by the operator");
      this.paused = pause;
    }
  }

  private boolean shipping() {
    return transport.accepting() && !paused;
  }

  /**
   * Answers once the peer acknowledged every change of this volume the NameNode logged before the barrier arrived
   * (and, for a file kept open, at least the barrier's length of it), or at once when the link carries no traffic.
   * Never blocks the caller: the mirror's own thread completes the future.
   */
  public CompletableFuture<SyncOutcome> barrier(SyncBarrier barrier) {
    long start = nowMs.getAsLong();
    CompletableFuture<SyncOutcome> answer;
    if (lifecycle.get() != Lifecycle.STARTED) {
      answer = CompletableFuture.completedFuture(new SyncOutcome(SyncOutcome.Status.NOT_SENDING,
          "the mirror of " + volume.volume() + " is " + lifecycle.get()));
    } else if (!shipping()) {
      answer = CompletableFuture.completedFuture(new SyncOutcome(SyncOutcome.Status.LINK_DOWN, paused
          ? "mirroring of " + volume.volume() + " is paused by the operator"
          : "the link to the peer carries no traffic (" + stats.state() + ")"));
    } else {
      answer = syncWaiters.add(barrier, start);
      EditLog.Cursor c = currentCursor;
      if (c != null) {
        c.wake(); // the mirror's thread may sit in an idle poll: let it pin the barrier now
      }
      if (lifecycle.get() != Lifecycle.STARTED) {
        syncWaiters.failArrivals(SyncOutcome.Status.NOT_SENDING, "the mirror of " + volume.volume() + " stopped");
      }
    }
    return answer.thenApply(o -> {
      long now = nowMs.getAsLong();
      stats.syncAnswered(o, now - start, now);
      if (!o.acknowledged() && syncWarnings.occurred(now) > 0) {
        LOG.warn("Sync writes on {} NOT acknowledged by the peer ({} so far; latest {}: {})", volume.volume(),
            stats.syncNotAcknowledged(), barrier, o);
      }
      return o;
    });
  }

  public MirrorStats stats() {
    return stats;
  }

  public String volume() {
    return volume.volume();
  }

  private boolean running() {
    return lifecycle.get() == Lifecycle.STARTED && !Thread.currentThread().isInterrupted();
  }

  private void run() {
    int failures = 0;
    while (running()) {
      try {
        if (!shipping()) {
          stats.state.set(paused ? "PAUSED" : "WAITING_FOR_LINK");
          syncWaiters.failAll(SyncOutcome.Status.LINK_DOWN, paused ? "mirroring is paused by the operator"
              : "the link to the peer carries no traffic");
          countBacklog();
          continue;
        }
        session();
        failures = 0;
      } catch (LinkUnavailableException e) {
        syncWaiters.failAll(SyncOutcome.Status.LINK_DOWN, e.getMessage());
        stats.state.set("WAITING_FOR_LINK");
        LOG.info("Mirror of {} paused: {}; the backlog stays in the edit log", volume.volume(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        syncWaiters.failAll(SyncOutcome.Status.FAILED, "the mirror failed and retries: " + e);
        stats.state.set("RETRYING");
        stats.lastError.set(e.toString());
        LOG.warn("Mirror of {} failed; retrying: {}", volume.volume(), e.toString(), e);
        try {
          pause(backoff.delayMs(failures++));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    stats.state.set("STOPPED");
    syncWaiters.failAll(SyncOutcome.Status.NOT_SENDING, "the mirror of " + volume.volume() + " stopped");
  }

  /** Ships from the checkpoint until the link fails or the mirror stops. */
  private void session() throws Exception {
    remote.clear();
    FileShipper files = new FileShipper(volume, sender, remote, stats, readAhead);
    TreeSync trees = new TreeSync(volume, sender, files, remote, true);
    ChangeShipper shipper = newShipper(files, trees);
    OptionalLong saved = checkpoints.load(volume.volume());
    long acked;
    if (saved.isPresent()) {
      acked = saved.getAsLong();
    } else {
      OptionalLong term = checkpoints.newRoleTerm(volume.volume());
      if (term.isPresent()) {
        keepPeerState(term.getAsLong());
      }
      acked = fullCopy(trees, term.isPresent() ? "its resync after the role change" : "its first copy");
    }
    stats.ackedTxid.set(acked);
    stats.backlogEvents.set(0);
    stats.backlogBytes.set(0);
    EditLog.Cursor cursor = editLog.open(acked);
    currentCursor = cursor;
    stats.sessionStartedMs.set(nowMs.getAsLong());
    long lastSaved = acked;
    long lastSavedAt = nowMs.getAsLong();
    stats.state.set("REPLAYING");
    while (running()) {
      if (!shipping()) {
        shipper.drain();
        long durable = durablePosition(acked, shipper);
        if (durable > lastSaved) {
          checkpoints.save(volume.volume(), durable);
        }
        throw new LinkUnavailableException(paused ? "paused by the operator" : "the link to the peer does not carry traffic");
      }
      if (syncWaiters.hasArrivals()) {
        // Read after the barriers arrived, so at or past the txid of each client's change.
        syncWaiters.resolve(editLog.currentTxid());
      }
      EventBatch batch;
      try {
        batch = cursor.poll(syncWaiters.isEmpty() ? POLL_MS : SYNC_POLL_MS, TimeUnit.MILLISECONDS);
      } catch (MissingEventsException e) {
        LOG.warn("Mirror of {}: the NameNode no longer holds the edits after txid {} (its oldest is {}: an outage"
            + " longer than edit retention); copying the volume again by difference", volume.volume(), acked,
            e.getActualTxid());
        stats.resyncs.incrementAndGet();
        // The copy compares listings: a write still landing on the peer could slip past it (a file deleted here
        // in the lost edits, listed before its write landed there). What the shipper tracked belongs to edits
        // that can no longer be read; the copy covers it.
        shipper.drain();
        shipper = newShipper(files, trees);
        acked = fullCopy(trees, "a resync after an outage longer than edit retention");
        cursor = editLog.open(acked);
        currentCursor = cursor;
        continue;
      }
      if (batch == null) {
        shipper.flushOpenFiles(acked); // drains the writes in flight first
        stats.oldestPendingMs.set(0);
        stats.state.set("UP_TO_DATE");
        stats.caughtUpMs.set(nowMs.getAsLong());
        // An empty poll that began after a barrier was pinned read every edit up to its txid: all is shipped.
        answerBarriers(shipper, Long.MAX_VALUE, acked);
      } else {
        stats.oldestPendingMs.compareAndSet(0, eventTime(batch));
        stats.state.set("SHIPPING");
        int index = 0;
        for (Event e : batch.getEvents()) {
          List<Change> changes = translator.translate(e, batch.getTxid(), index);
          for (Change c : changes) {
            shipper.ship(c);
          }
          index += Math.max(1, changes.size());
        }
        acked = batch.getTxid();
        stats.ackedTxid.set(acked);
        if (cursor.behind() == 0) {
          stats.oldestPendingMs.set(0);
        }
        answerBarriers(shipper, acked, acked);
      }
      syncWaiters.expire(nowMs.getAsLong());
      long now = nowMs.getAsLong();
      long durable = durablePosition(acked, shipper);
      if (durable > lastSaved && (batch == null || now - lastSavedAt >= CHECKPOINT_EVERY_MS)) {
        shipper.drain(); // never record a position past a write still in flight
        durable = durablePosition(acked, shipper); // a write the peer did not store may have left a close unshipped
        if (durable > lastSaved) {
          checkpoints.save(volume.volume(), durable);
          lastSaved = durable;
        }
        lastSavedAt = now;
      }
    }
    shipper.drain();
    long durable = durablePosition(acked, shipper);
    if (durable > lastSaved) {
      checkpoints.save(volume.volume(), durable);
    }
  }

  /**
   * The files under the volume being written now (as {@code hdfs dfsadmin -listOpenFiles -path} lists them): a
   * session that resumes from a checkpoint sees no create for a file opened before it, yet its flushed bytes must
   * keep shipping every flush interval. Listing needs superuser rights; without them such files ship when they
   * close, and the log says so once.
   */
  private List<String> filesOpenNow() {
    try {
      return new ArrayList<>(FileShipper.openUnder(volume).values());
    } catch (IOException | RuntimeException e) { // e.g. refused to a non-superuser, or unsupported: not fatal
      if (!openFilesUnlisted) {
        LOG.warn("Mirror of {}: cannot list the files open under {} ({}); those opened before this session ship when"
            + " they close, not every flush interval", volume.volume(), volume.localRoot(), e.getMessage());
        openFilesUnlisted = true;
      }
      return List.of();
    }
  }

  /**
   * A shipper for edits read from now on. It is told of the files open right now, whose creates it will not see:
   * their flushed bytes ship every flush interval, not only when they close.
   */
  private ChangeShipper newShipper(FileShipper files, TreeSync trees) throws Exception {
    ChangeShipper shipper = new ChangeShipper(volume, sender, files, trees, remote, stats, nowMs, flushMs,
        renameRecord());
    shipper.trackOpenFiles(filesOpenNow());
    return shipper;
  }

  /** The volume's last acknowledged rename, as the checkpoint store keeps it, read once per session. */
  private ChangeShipper.RenameRecord renameRecord() throws Exception {
    long[] through = {checkpoints.renamedThrough(volume.volume())};
    return new ChangeShipper.RenameRecord() {
      @Override
      public long appliedThrough() {
        return through[0];
      }

      @Override
      public void applied(long txid) throws Exception {
        checkpoints.saveRenamedThrough(volume.volume(), txid);
        through[0] = Math.max(through[0], txid);
      }
    };
  }

  /**
   * Answers the barriers pinned at or before {@code readThrough} (every edit up to it has been shipped), once the
   * writes in flight are acknowledged and no close before them still waits to ship; a barrier on a file kept open
   * also needs that file's bytes on the peer, which it ships now rather than at the next flush interval.
   */
  private void answerBarriers(ChangeShipper shipper, long readThrough, long acked)
      throws IOException, LinkUnavailableException, InterruptedException {
    if (syncWaiters.isEmpty()) {
      return;
    }
    shipper.drain(); // first: a write in flight that the peer did not store may leave its close unshipped
    long waiting = shipper.oldestUnshippedTxid();
    long covered = waiting < 0 ? readThrough : Math.min(readThrough, waiting - 1);
    List<SyncWaiters.Waiter> ready = syncWaiters.coveredBy(covered);
    if (ready.isEmpty()) {
      return;
    }
    for (SyncWaiters.Waiter w : ready) {
      if (!w.barrier.hasFile()) {
        w.result.complete(SyncOutcome.ofAcknowledged());
        continue;
      }
      long held = shipper.shipOpenFileNow(w.barrier.path(), w.barrier.fileId(), acked, currentCursor.readThrough(),
          editLog::currentTxid);
      if (held >= w.barrier.minLength()) {
        w.result.complete(SyncOutcome.ofAcknowledged());
      } else {
        syncWaiters.keep(w); // the file's bytes are not on the peer yet; tried again until the barrier times out
      }
    }
  }

  /** Where a restart may resume: the acknowledged position, but never past a close that still waits to ship. */
  private static long durablePosition(long acked, ChangeShipper shipper) {
    long waiting = shipper.oldestUnshippedTxid();
    return waiting < 0 ? acked : Math.min(acked, waiting - 1);
  }

  /**
   * Before the first copy of a role term: the peer held the volume as primary until the change and may hold writes
   * that never came here; the copy will undo them, so they are kept first in a snapshot on the peer named for the
   * event. One per term: after a failed attempt the snapshot of this term exists already and is not taken again.
   */
  private void keepPeerState(long epoch) throws Exception {
    String name = SnapshotNames.resyncOfTerm(epoch);
    sender.send(volume.request(MirrorOp.SNAPSHOT_CREATE, 0, 0, "").snapshot(name).build());
    LOG.info("Mirror of {}: role term at epoch {} begins; the peer's state before the resync is kept in its snapshot"
        + " {} ({}/.snapshot/{})", volume.volume(), epoch, name, volume.remoteRoot(), name);
  }

  /** Copies the volume by difference and returns the txid read from before the copy began. */
  private long fullCopy(TreeSync trees, String why) throws Exception {
    stats.state.set("FULL_COPY");
    long from = editLog.currentTxid();
    LOG.info("Mirror of {}: {} ({} -> peer {}), edits from txid {} replay after it", volume.volume(), why,
        volume.localRoot(), volume.remoteRoot(), from);
    int copied = trees.sync("", from);
    checkpoints.save(volume.volume(), from);
    LOG.info("Mirror of {}: copy done, {} files sent", volume.volume(), copied);
    return from;
  }

  /** While the link is down: count what waits in the edit log, without holding it. */
  private void countBacklog() throws Exception {
    OptionalLong saved = checkpoints.load(volume.volume());
    if (saved.isEmpty()) {
      pause(POLL_MS);
      return;
    }
    EditLog.Cursor cursor = editLog.open(saved.getAsLong());
    long events = 0;
    long bytes = 0;
    long oldest = 0;
    while (!shipping() && running()) {
      syncWaiters.failAll(SyncOutcome.Status.LINK_DOWN, "the link to the peer carries no traffic");
      EventBatch b;
      try {
        b = cursor.poll(POLL_MS, TimeUnit.MILLISECONDS);
      } catch (MissingEventsException e) {
        stats.lastError.set("edits needed for replay are gone; the volume will be copied again by difference");
        pause(POLL_MS);
        continue;
      }
      if (b == null) {
        continue;
      }
      for (Event e : b.getEvents()) {
        if (!translator.translate(e, b.getTxid(), 0).isEmpty()) {
          events++;
          bytes += e instanceof Event.CloseEvent ? Math.max(0, ((Event.CloseEvent) e).getFileSize()) : 0;
          if (oldest == 0) {
            oldest = eventTime(b);
          }
        }
      }
      stats.backlogEvents.set(events);
      stats.backlogBytes.set(bytes);
      if (oldest != 0) {
        stats.oldestPendingMs.compareAndSet(0, oldest);
      }
    }
  }

  /** When the batch's change happened, as best the events tell; now otherwise. */
  private long eventTime(EventBatch b) {
    for (Event e : b.getEvents()) {
      if (e instanceof Event.CloseEvent) {
        return ((Event.CloseEvent) e).getTimestamp();
      }
      if (e instanceof Event.RenameEvent) {
        return ((Event.RenameEvent) e).getTimestamp();
      }
      if (e instanceof Event.UnlinkEvent) {
        return ((Event.UnlinkEvent) e).getTimestamp();
      }
      if (e instanceof Event.CreateEvent) {
        return ((Event.CreateEvent) e).getCtime();
      }
    }
    return nowMs.getAsLong();
  }

  private void pause(long ms) throws InterruptedException {
    synchronized (wakeup) {
      if (lifecycle.get() == Lifecycle.STARTED) {
        wakeup.wait(ms);
      }
    }
    if (lifecycle.get() != Lifecycle.STARTED) {
      throw new InterruptedException("mirror of " + volume.volume() + " is closing");
    }
  }

  @Override
  public void close() {
    if (lifecycle.getAndSet(Lifecycle.CLOSED) != Lifecycle.STARTED) {
      return;
    }
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readAhead.shutdownNow();
    syncWaiters.failArrivals(SyncOutcome.Status.NOT_SENDING, "the mirror of " + volume.volume() + " stopped");
  }
}
