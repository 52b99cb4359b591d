package io.tandem.mirror.capture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.apache.hadoop.hdfs.protocol.ClientProtocol;

/**
 * The NameNode's edit log read through inotify: the durable queue of every volume's changes. One per agent: its
 * volumes' cursors share the reads ({@link EditLogTail}). Reading needs HDFS superuser rights, which the agent has
 * inside the NameNode.
 */
public final class EditLogSource implements EditLog {
  private final ClientProtocol namenode;
  private final EditLogTail tail;

  /**
   * @param intervalMs the least time between two reads at the head of the log that find new edits
   *     ({@code tandem.mirror.edit-log.interval.ms})
   * @param rollAboveMs a read at the head slower than this rolls the edit log
   *     ({@code tandem.mirror.edit-log.roll-above.ms}; 0 never)
   */
  public EditLogSource(DistributedFileSystem fs, long intervalMs, long rollAboveMs) {
    this.namenode = fs.getClient().getNamenode();
    this.tail = new EditLogTail(namenode::getEditsFromTxid, namenode::rollEdits, rollAboveMs, intervalMs,
        System::nanoTime);
  }

  /** How many times the agent rolled the NameNode's edit log since it started reading. */
  public long rolls() {
    return tail.rolls();
  }

  /** The NameNode's current transaction id: where a fresh volume starts reading after its first full copy. */
  @Override
  public long currentTxid() throws IOException {
    long txid = namenode.getCurrentEditLogTxid();
    if (txid < 0) {
      // Said by a NameNode whose edit log is not open for writing (mid-transition to active): a sync barrier
      // pinned there would count as shipped at once, a copy would start from nowhere.
      throw new IOException("the NameNode's edit log is not open for writing (current txid " + txid + ")");
    }
    return txid;
  }

  @Override
  public EditLog.Cursor open(long lastReadTxid) {
    return new TailCursor(tail, lastReadTxid);
  }

  /**
   * One volume's position in the shared tail. Between reads that find nothing new it waits as HDFS's timed inotify
   * poll does (5 ms doubling to 100 ms); between reads that find new edits, as long as the tail says. {@link #wake}
   * ends either wait at once and lets the next read through: a sync barrier is held neither by an idle poll nor by
   * the interval. A poll returns null only after a read it made found nothing new, so a barrier pinned before the
   * poll began is covered by everything read when it returns null.
   */
  static final class TailCursor implements EditLog.Cursor {
    private static final long FIRST_WAIT_MS = 5;
    private static final long LONGEST_WAIT_MS = 100;

    private final EditLogTail tail;
    private final Object waiting = new Object();
    private long lastRead;
    private EditLogTail.Page page;
    private int index;
    private boolean woken; // guarded by waiting

    TailCursor(EditLogTail tail, long lastRead) {
      this.tail = tail;
      this.lastRead = lastRead;
    }

    @Override
    public EventBatch poll(long timeout, TimeUnit unit)
        throws IOException, InterruptedException, MissingEventsException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      long idleWaitMs = FIRST_WAIT_MS;
      boolean urgent = false;
      while (true) {
        EventBatch b = nextInPage();
        if (b != null) {
          return b;
        }
        urgent |= takeWoken() || System.nanoTime() - deadline >= 0;
        EditLogTail.Next next = tail.next(lastRead, urgent);
        if (next.page != null) {
          page = next.page;
          index = 0;
          continue;
        }
        long leftNanos = deadline - System.nanoTime();
        if (next.nothingNew()) {
          // Woken: return, so the caller acts on what woke it (a read found nothing new after the wake).
          if (urgent || leftNanos <= 0
              || waitUnlessWoken(Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(idleWaitMs)))) {
            return null;
          }
          idleWaitMs = Math.min(LONGEST_WAIT_MS, idleWaitMs * 2);
        } else if (waitUnlessWoken(Math.min(Math.max(leftNanos, 0), next.waitNanos))) {
          // Held back by the interval and woken meanwhile: the next read goes through. Never null from here (past
          // the deadline the read goes through as well), so a null return always follows a read that found
          // nothing new.
          urgent = true;
        }
      }
    }

    @Override
    public long readThrough() {
      return lastRead; // the poller's thread, as poll's
    }

    /** The next batch after this cursor's position in the page it holds, moving the position on. */
    private EventBatch nextInPage() {
      if (page == null) {
        return null;
      }
      while (index < page.batches.size()) {
        EventBatch b = page.batches.get(index++);
        if (b.getTxid() > lastRead) {
          lastRead = b.getTxid();
          return b;
        }
      }
      lastRead = Math.max(lastRead, page.through); // ops that make no event (block allocations) end a page too
      page = null;
      return null;
    }

    /** Waits up to {@code nanos}; true when woken rather than timed out (the wake is consumed). */
    private boolean waitUnlessWoken(long nanos) throws InterruptedException {
      synchronized (waiting) {
        if (!woken && nanos > 0) {
          TimeUnit.NANOSECONDS.timedWait(waiting, nanos);
        }
        if (woken) {
          woken = false;
          return true;
        }
        return false;
      }
    }

    private boolean takeWoken() {
      synchronized (waiting) {
        boolean w = woken;
        woken = false;
        return w;
      }
    }

    @Override
    public void wake() {
      synchronized (waiting) {
        woken = true;
        waiting.notifyAll();
      }
    }

    @Override
    public long behind() {
      return Math.max(0, tail.lastSyncTxid() - lastRead);
    }
  }
}
