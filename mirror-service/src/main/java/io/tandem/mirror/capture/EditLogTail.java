package io.tandem.mirror.capture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.EventBatchList;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of one NameNode's edit log, read on behalf of every volume mirror of an agent.
 *
 * <p>Why it exists: the NameNode answers an inotify read ({@code getEditsFromTxid}) by decoding its edit log segment
 * from the segment's first op up to the txid asked for, so every read that finds new edits costs it a scan of the
 * in-progress segment, however few events come back. Read again as soon as each event was handled, once per
 * volume, a steady write load made those scans most of the NameNode's work (the mirroring bench's profile showed
 * them at 85% of the process's samples). So:
 * <ul>
 *   <li>the pages read at the head of the log are shared: a cursor whose position falls inside one of the recent
 *       ones (up to {@value #KEPT_EVENTS} events) takes its batches from it without a read of its own, so a volume
 *       busy shipping a large file reads after a quiet one at no cost;</li>
 *   <li>at the head, a read that found new edits is followed by the next one no sooner than the interval, and no
 *       sooner than {@value #DUTY_FACTOR} times as long as it took, which keeps these scans under a fifth of one
 *       RPC handler's time however long the segment grows; unless that read stopped short of the NameNode's synced
 *       txid (more is waiting: read on at once) or the caller is urgent (a sync client waits);</li>
 *   <li>a read that finds nothing new costs the NameNode next to nothing (it answers from its synced txid without
 *       opening the log) and is never held back.</li>
 * </ul>
 * <p>A scan costs what the in-progress segment holds, and a NameNode whose segment is rarely rolled (no HA standby
 * rolling it every two minutes) lets it grow for hours. So when a read at the head takes longer than the roll
 * threshold, the agent asks the NameNode to roll its edit log ({@code rollEdits}, as {@code hdfs dfsadmin
 * -rollEdits} does), at most once every {@value #MIN_ROLL_GAP_MS} ms: the reads after it scan the new, short
 * segment. A roll that fails (a standby, no superuser rights) is logged and reading goes on.
 *
 * <p>A cursor behind the recent pages (replaying after an outage) reads on its own; the NameNode caps each such read at
 * {@code dfs.namenode.inotify.max.events.per.rpc} events. Time comes from the clock passed in, so tests drive it.
 */
final class EditLogTail {
  private static final Logger LOG = LoggerFactory.getLogger(EditLogTail.class);
  static final int DUTY_FACTOR = 4;
  static final int KEPT_EVENTS = 10_000;
  static final long MIN_ROLL_GAP_MS = 15_000;
  /** How long edits the NameNode holds but cannot read just now are asked for again before it is an error. */
  static final long UNREADABLE_RETRY_MS = 2_000;
  /** The wait between those reads. */
  static final long UNREADABLE_WAIT_MS = 20;

  /** One {@code getEditsFromTxid} call. */
  @FunctionalInterface
  interface Reader {
    EventBatchList read(long txid) throws IOException;
  }

  /** One {@code rollEdits} call: the NameNode finalizes its in-progress segment and starts a new one. */
  @FunctionalInterface
  interface Roller {
    long roll() throws IOException;
  }

  /** What one read found: every batch with a txid in {@code (after, through]}, in order. */
  static final class Page {
    final long after;
    final long through;
    final long syncTxid;
    final List<EventBatch> batches;

    Page(long after, long through, long syncTxid, List<EventBatch> batches) {
      this.after = after;
      this.through = through;
      this.syncTxid = syncTxid;
      this.batches = List.copyOf(batches);
    }

    boolean covers(long lastRead) {
      return after <= lastRead && lastRead < through;
    }

    /** The read stopped short of what the NameNode had synced: more edits are there already. */
    boolean moreWaiting() {
      return through < syncTxid;
    }
  }

  /** What a cursor gets when it asks for the edits after its position. */
  static final class Next {
    private static final Next NOTHING_NEW = new Next(null, 0);

    /** The page to read on from, or null. */
    final Page page;
    /** With no page: how long to wait before asking again (0: nothing new past the NameNode's synced txid). */
    final long waitNanos;

    private Next(Page page, long waitNanos) {
      this.page = page;
      this.waitNanos = waitNanos;
    }

    boolean nothingNew() {
      return page == null && waitNanos == 0;
    }
  }

  private final Reader reader;
  private final Roller roller;
  /** A read at the head slower than this rolls the edit log; 0 never rolls. */
  private final long rollAboveNanos;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Object lock = new Object();
  /** The recent pages read at the head, oldest first, back to back; guarded by {@link #lock}. */
  private final ArrayDeque<Page> recent = new ArrayDeque<>();
  /** Events held in {@link #recent}; guarded by {@link #lock}. */
  private int keptEvents;
  /** When the next read at the head may start, unless urgent or more is waiting; guarded by {@link #lock}. */
  private long nextHeadReadNanos;
  /** When the agent may next roll the edit log; guarded by {@link #lock}. */
  private long nextRollNanos;
  private long rolls;
  private boolean rollFailedBefore;
  /** Since when reads found edits the NameNode holds but could not read, or -1; any cursor's read moves it. */
  private final AtomicLong unreadableSinceNanos = new AtomicLong(-1);

  /** A tail that never rolls the edit log. */
  EditLogTail(Reader reader, long intervalMs, LongSupplier nanoClock) {
    this(reader, () -> -1, 0, intervalMs, nanoClock);
  }

  /**
   * @param rollAboveMs a read at the head slower than this asks the NameNode to roll its edit log; 0 never does
   * @param intervalMs the least time between reads at the head that find new edits
   */
  EditLogTail(Reader reader, Roller roller, long rollAboveMs, long intervalMs, LongSupplier nanoClock) {
    if (intervalMs < 0) {
      throw new IllegalArgumentException("the edit log read interval must be 0 or more ms, not " + intervalMs);
    }
    if (rollAboveMs < 0) {
      throw new IllegalArgumentException("the edit log roll threshold must be 0 or more ms, not " + rollAboveMs);
    }
    this.reader = reader;
    this.roller = roller;
    this.rollAboveNanos = rollAboveMs * 1_000_000L;
    this.intervalNanos = intervalMs * 1_000_000L;
    this.nanoClock = nanoClock;
    this.nextRollNanos = nanoClock.getAsLong();
  }

  /**
   * The edits after {@code lastRead}: a page holding them (from the shared head when it covers the position, else
   * read now), nothing new, or how long to wait before the next read at the head may start.
   *
   * @param urgent a caller waiting on the answer (a sync barrier): the read at the head is not held back
   * @throws MissingEventsException when the NameNode no longer holds the edits right after {@code lastRead}
   */
  Next next(long lastRead, boolean urgent) throws IOException, MissingEventsException {
    boolean behind;
    synchronized (lock) {
      Page kept = keptPageCovering(lastRead);
      if (kept != null) {
        return new Next(kept, 0);
      }
      Page h = recent.peekLast();
      behind = h != null && lastRead < recent.peekFirst().after;
      if (!behind) {
        long now = nanoClock.getAsLong();
        if (!urgent && h != null && !h.moreWaiting() && now < nextHeadReadNanos) {
          return new Next(null, nextHeadReadNanos - now);
        }
        // Read at the head under the lock: another cursor asking meanwhile then finds the page instead of reading.
        Page p;
        try {
          p = read(lastRead);
        } catch (UnreadableEditsException e) {
          return readAgainSoon(e);
        }
        if (p != null) {
          keep(p);
          long took = nanoClock.getAsLong() - now;
          nextHeadReadNanos = now + Math.max(intervalNanos, DUTY_FACTOR * took);
          rollIfSlow(took, now);
        }
        return p == null ? Next.NOTHING_NEW : new Next(p, 0);
      }
    }
    Page p;
    try {
      p = read(lastRead);
    } catch (UnreadableEditsException e) {
      return readAgainSoon(e);
    }
    return p == null ? Next.NOTHING_NEW : new Next(p, 0);
  }

  /**
   * Edits the NameNode holds could not be read just now (a segment finalized under the read, say): read again in a
   * moment, and only if that goes on for {@link #UNREADABLE_RETRY_MS} is it an error. Never "nothing new".
   */
  private Next readAgainSoon(UnreadableEditsException e) throws UnreadableEditsException {
    long now = nanoClock.getAsLong();
    unreadableSinceNanos.compareAndSet(-1, now);
    if (now - unreadableSinceNanos.get() >= UNREADABLE_RETRY_MS * 1_000_000L) {
      throw e;
    }
    return new Next(null, UNREADABLE_WAIT_MS * 1_000_000L);
  }

  /** Edits the NameNode holds but did not return. */
  static final class UnreadableEditsException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableEditsException(String message) {
      super(message);
    }
  }

  /** The kept page holding the edits right after {@code lastRead}, newest first (cursors mostly read near the head). */
  private Page keptPageCovering(long lastRead) {
    Iterator<Page> newestFirst = recent.descendingIterator();
    while (newestFirst.hasNext()) {
      Page p = newestFirst.next();
      if (p.covers(lastRead)) {
        return p;
      }
    }
    return null;
  }

  /** Adds a page read at the head; the kept pages stay back to back, and at most {@link #KEPT_EVENTS} events. */
  private void keep(Page p) {
    Page h = recent.peekLast();
    if (h != null && p.after != h.through) {
      recent.clear(); // a cursor ahead of the kept pages read past a gap: start over from its page
      keptEvents = 0;
    }
    recent.addLast(p);
    keptEvents += p.batches.size();
    while (recent.size() > 1 && keptEvents > KEPT_EVENTS) {
      keptEvents -= recent.removeFirst().batches.size();
    }
  }

  /** Asks the NameNode for a new segment when this read scanned too long a one, at most once per gap. */
  private void rollIfSlow(long tookNanos, long now) {
    if (rollAboveNanos == 0 || tookNanos <= rollAboveNanos || now - nextRollNanos < 0) {
      return;
    }
    nextRollNanos = now + MIN_ROLL_GAP_MS * 1_000_000L;
    try {
      long segment = roller.roll();
      rolls++;
      LOG.info("Rolled the NameNode's edit log: reading it took {} ms, over the {} ms threshold"
          + " (tandem.mirror.edit-log.roll-above.ms); the new segment starts at txid {}", tookNanos / 1_000_000,
          rollAboveNanos / 1_000_000, segment);
    } catch (IOException | RuntimeException e) {
      if (!rollFailedBefore) {
        LOG.warn("Could not roll the NameNode's edit log although reading it took {} ms; reads stay as long until"
            + " it is rolled (hdfs dfsadmin -rollEdits, or an HA standby): {}", tookNanos / 1_000_000, e.toString());
      }
      rollFailedBefore = true;
    }
  }

  /** How many times this tail rolled the edit log. */
  long rolls() {
    synchronized (lock) {
      return rolls;
    }
  }

  /** The synced txid the NameNode gave with the last page read at the head, or -1 before any. */
  long lastSyncTxid() {
    synchronized (lock) {
      Page h = recent.peekLast();
      return h == null ? -1 : h.syncTxid;
    }
  }

  private Page read(long lastRead) throws IOException, MissingEventsException {
    long start = nanoClock.getAsLong();
    EventBatchList el = reader.read(lastRead + 1);
    if (LOG.isDebugEnabled() && el.getLastTxid() != -1) {
      LOG.debug("Read the edit log after txid {} through {} ({} batches, synced {}) in {} us", lastRead,
          el.getLastTxid(), el.getBatches().size(), el.getSyncTxid(), (nanoClock.getAsLong() - start) / 1000);
    }
    if (el.getLastTxid() == -1) {
      if (el.getSyncTxid() > lastRead) {
        // Edits exist past the position, yet none came: the NameNode could not read them just now (a segment
        // finalized under the read, its edit log closed while it leaves the active state). Counting this as
        // "nothing new" would answer sync barriers for changes not read.
        throw new UnreadableEditsException("the NameNode returned no edits after txid " + lastRead + " although it"
            + " has synced edits through " + el.getSyncTxid() + " for " + UNREADABLE_RETRY_MS + " ms");
      }
      unreadableSinceNanos.set(-1);
      return null; // nothing past the synced txid
    }
    if (el.getFirstTxid() != lastRead + 1) {
      throw new MissingEventsException(lastRead + 1, el.getFirstTxid());
    }
    unreadableSinceNanos.set(-1);
    return new Page(lastRead, el.getLastTxid(), el.getSyncTxid(), el.getBatches());
  }
}
