package io.tandem.mirror.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.EventBatchList;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.junit.jupiter.api.Test;

/** The shared head of the edit log on a fake clock against a fake NameNode that counts its scanning reads. */
class EditLogTailTest {
  private static final long MS = 1_000_000L;

  /** A NameNode's edit log: txids from 1; every third op makes no event (a block allocation, say). */
  static final class FakeNameNode {
    final int maxEventsPerRead;
    long synced;
    long firstRetained = 1;
    boolean unreadable;
    int scans;
    int emptyReads;
    long scanNanos;
    AtomicLong clock;

    FakeNameNode(int maxEventsPerRead) {
      this.maxEventsPerRead = maxEventsPerRead;
    }

    static boolean hasEvent(long txid) {
      return txid % 3 != 0;
    }

    EventBatchList read(long txid) {
      if (unreadable) {
        // What a NameNode answers when it cannot read edits it holds: a segment finalized under the read, or the
        // edit log closed while the NameNode leaves the active state. Nothing, with the synced txid past it.
        return new EventBatchList(List.of(), -1, -1, synced);
      }
      if (txid > synced) {
        emptyReads++;
        return new EventBatchList(List.of(), -1, -1, synced);
      }
      scans++;
      if (clock != null) {
        clock.addAndGet(scanNanos);
      }
      long from = Math.max(txid, firstRetained);
      List<EventBatch> batches = new ArrayList<>();
      long t = from;
      for (; t <= synced && batches.size() < maxEventsPerRead; t++) {
        if (hasEvent(t)) {
          batches.add(new EventBatch(t, new Event[] {new Event.CloseEvent("/v/f" + t, t, t)}));
        }
      }
      return new EventBatchList(batches, from, t - 1, synced);
    }
  }

  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final FakeNameNode nn = new FakeNameNode(1000);
  private final EditLogTail tail = new EditLogTail(nn::read, 50, now::get);

  @Test
  void cursorsAtTheHeadShareOneRead() throws Exception {
    nn.synced = 10;
    EditLogTail.Next a = tail.next(0, false);
    EditLogTail.Next b = tail.next(0, false);
    assertSame(a.page, b.page);
    assertEquals(1, nn.scans);
    assertEquals(10, a.page.through);
    assertEquals(7, a.page.batches.size()); // txids 3, 6 and 9 make no event
    // A cursor part-way through the page takes the rest of it without a read.
    EditLogTail.Next c = tail.next(5, false);
    assertSame(a.page, c.page);
    assertEquals(1, nn.scans);
  }

  @Test
  void aCursorBusyElsewhereCatchesUpFromTheKeptPagesWithoutReads() throws Exception {
    nn.synced = 10;
    EditLogTail.Next first = tail.next(0, false);
    now.addAndGet(60 * MS);
    nn.synced = 20;
    EditLogTail.Next second = tail.next(10, false);
    now.addAndGet(60 * MS);
    nn.synced = 30;
    tail.next(20, false);
    assertEquals(3, nn.scans);
    // A cursor still at 0 (its volume was shipping a large file) walks the kept pages.
    assertSame(first.page, tail.next(0, false).page);
    assertSame(second.page, tail.next(10, false).page);
    assertSame(second.page, tail.next(15, false).page);
    assertEquals(3, nn.scans);
  }

  @Test
  void keptPagesAreBoundedByTheirEvents() throws Exception {
    nn.synced = 3 * EditLogTail.KEPT_EVENTS; // 2 events in 3 txids: one page of 1,000 events after another
    long lastRead = 0;
    while (lastRead < nn.synced) {
      lastRead = tail.next(lastRead, true).page.through;
    }
    int scans = nn.scans;
    assertNotNull(tail.next(lastRead - 10, false).page);
    assertEquals(scans, nn.scans, "the newest pages are kept");
    assertNotNull(tail.next(5, false).page);
    assertEquals(scans + 1, nn.scans, "the oldest were let go: a cursor that far behind reads on its own");
  }

  @Test
  void theNextReadAtTheHeadWaitsForTheIntervalUnlessUrgent() throws Exception {
    nn.synced = 10;
    tail.next(0, false);
    nn.synced = 12;
    EditLogTail.Next held = tail.next(10, false);
    assertNull(held.page);
    assertEquals(50 * MS, held.waitNanos);
    now.addAndGet(20 * MS);
    assertEquals(30 * MS, tail.next(10, false).waitNanos);
    assertEquals(1, nn.scans);

    EditLogTail.Next urgent = tail.next(10, true);
    assertNotNull(urgent.page);
    assertEquals(12, urgent.page.through);
    assertEquals(2, nn.scans);

    now.addAndGet(50 * MS);
    nn.synced = 13;
    assertNotNull(tail.next(12, false).page);
    assertEquals(3, nn.scans);
  }

  @Test
  void readsOnAtOnceWhileMoreIsWaiting() throws Exception {
    FakeNameNode paged = new FakeNameNode(4);
    EditLogTail t = new EditLogTail(paged::read, 50, now::get);
    paged.synced = 20;
    long lastRead = 0;
    int pages = 0;
    while (lastRead < 20) {
      EditLogTail.Next n = t.next(lastRead, false);
      assertNotNull(n.page, "a read stopped short of the synced txid is followed at once");
      lastRead = n.page.through;
      pages++;
    }
    assertEquals(paged.scans, pages);
    assertTrue(pages >= 4);
    paged.synced = 21;
    assertNull(t.next(20, false).page, "caught up: the interval holds the next read");
  }

  @Test
  void readsFindingNothingNewAreNeverHeldBackAndDoNotStartTheInterval() throws Exception {
    nn.synced = 0;
    for (int i = 0; i < 5; i++) {
      assertTrue(tail.next(0, false).nothingNew());
    }
    assertEquals(5, nn.emptyReads);
    assertEquals(0, nn.scans);
    nn.synced = 2;
    assertNotNull(tail.next(0, false).page);
  }

  @Test
  void aSlowReadStretchesTheWaitToFourTimesItsLength() throws Exception {
    nn.clock = now;
    nn.scanNanos = 30 * MS;
    nn.synced = 10;
    tail.next(0, false);
    nn.synced = 11;
    // The next read may start 4 x 30 ms after the last one started, which is 30 ms ago.
    assertEquals((EditLogTail.DUTY_FACTOR * 30 - 30) * MS, tail.next(10, false).waitNanos);
  }

  @Test
  void aCursorBehindTheSharedPageReadsOnItsOwnAndLeavesThePage() throws Exception {
    nn.synced = 100;
    EditLogTail.Next head = tail.next(90, false);
    assertEquals(90, head.page.after);
    EditLogTail.Next behind = tail.next(10, false);
    assertEquals(10, behind.page.after);
    assertEquals(100, behind.page.through);
    assertEquals(2, nn.scans);
    assertSame(head.page, tail.next(95, false).page);
  }

  /**
   * An answer with no edits although the NameNode has synced edits after the position is not "caught up": taken as
   * such, it let the mirror answer sync barriers for changes it had not read. The read is made again in a moment,
   * and if that goes on for two seconds it is an error.
   */
  @Test
  void noEditsBelowTheSyncedTxidAreReadAgainNeverNothingNew() throws Exception {
    nn.synced = 50;
    nn.unreadable = true;
    EditLogTail.Next again = tail.next(10, true);
    assertTrue(again.page == null && !again.nothingNew() && again.waitNanos > 0, "taken for nothing new");
    now.addAndGet(EditLogTail.UNREADABLE_RETRY_MS * MS - 1);
    assertFalse(tail.next(10, true).nothingNew());
    now.addAndGet(1);
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> tail.next(10, true));
    assertTrue(e.getMessage().contains("after txid 10") && e.getMessage().contains("through 50"), e.getMessage());
    assertTrue(tail.next(50, true).nothingNew(), "at the synced txid, nothing is new");
    nn.unreadable = false;
    assertEquals(50, tail.next(10, true).page.through);
    nn.unreadable = true;
    assertFalse(tail.next(10, true).nothingNew(), "a read that went through starts the two seconds over");
  }

  @Test
  void editsNoLongerHeldAreReportedMissing() {
    nn.synced = 50;
    nn.firstRetained = 20;
    MissingEventsException e = assertThrows(MissingEventsException.class, () -> tail.next(5, false));
    assertEquals(6, e.getExpectedTxid());
    assertEquals(20, e.getActualTxid());
  }

  @Test
  void aSlowReadRollsTheEditLogAtMostOncePerGap() throws Exception {
    nn.clock = now;
    nn.scanNanos = 300 * MS;
    AtomicLong rolls = new AtomicLong();
    EditLogTail t = new EditLogTail(nn::read, rolls::incrementAndGet, 200, 50, now::get);
    nn.synced = 10;
    t.next(0, false);
    assertEquals(1, rolls.get(), "a 300 ms read is over the 200 ms threshold");
    nn.synced = 20;
    t.next(10, true);
    assertEquals(1, rolls.get(), "not again within a minute");
    now.addAndGet(EditLogTail.MIN_ROLL_GAP_MS * MS);
    nn.synced = 30;
    t.next(20, true);
    assertEquals(2, rolls.get());
    assertEquals(2, t.rolls());
  }

  @Test
  void fastReadsAndAZeroThresholdNeverRoll() throws Exception {
    nn.clock = now;
    nn.scanNanos = 100 * MS;
    AtomicLong rolls = new AtomicLong();
    EditLogTail underThreshold = new EditLogTail(nn::read, rolls::incrementAndGet, 200, 50, now::get);
    EditLogTail never = new EditLogTail(nn::read, rolls::incrementAndGet, 0, 50, now::get);
    nn.synced = 10;
    underThreshold.next(0, false);
    nn.scanNanos = 10_000 * MS;
    never.next(0, false);
    assertEquals(0, rolls.get());
  }

  @Test
  void aRollThatFailsLeavesReadingAsItWas() throws Exception {
    nn.clock = now;
    nn.scanNanos = 300 * MS;
    EditLogTail t = new EditLogTail(nn::read, () -> {
      throw new java.io.IOException("Access denied for user alice. Superuser privilege is required");
    }, 200, 50, now::get);
    nn.synced = 10;
    EditLogTail.Next n = t.next(0, false);
    assertEquals(10, n.page.through);
    assertEquals(0, t.rolls());
    nn.synced = 11;
    assertEquals(11, t.next(10, true).page.through);
  }

  @Test
  void aNegativeIntervalIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EditLogTail(nn::read, -1, now::get));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    IllegalArgumentException roll = assertThrows(IllegalArgumentException.class,
        () -> new EditLogTail(nn::read, () -> 0, -5, 50, now::get));
    assertTrue(roll.getMessage().contains("roll threshold") && roll.getMessage().contains("-5"), roll.getMessage());
  }

  /**
   * Seeded runs: cursors at different positions, some urgent, the log growing and the clock moving at random.
   * After every step each cursor has seen every event after its start exactly once, in order, and "nothing new"
   * is never said to a cursor with edits left to read; at the end each has read them all. (The interval itself is
   * checked by the deterministic tests above.)
   */
  @Test
  void seededRunsDeliverEveryEventOnceInOrderWithinTheReadBudget() throws Exception {
    for (long seed = 1; seed <= 200; seed++) {
      Random rnd = new Random(seed);
      AtomicLong clock = new AtomicLong(0);
      FakeNameNode log = new FakeNameNode(1 + rnd.nextInt(20));
      EditLogTail t = new EditLogTail(log::read, 50, clock::get);
      int cursors = 1 + rnd.nextInt(4);
      long[] lastRead = new long[cursors];
      long[] seen = new long[cursors];
      long[] start = new long[cursors];
      for (int c = 0; c < cursors; c++) {
        start[c] = lastRead[c] = seen[c] = rnd.nextInt(5);
      }
      for (int step = 0; step < 400; step++) {
        if (rnd.nextInt(3) == 0) {
          log.synced += rnd.nextInt(6);
        }
        clock.addAndGet(rnd.nextInt(30) * MS);
        int c = rnd.nextInt(cursors);
        boolean urgent = rnd.nextInt(10) == 0;
        EditLogTail.Next n = t.next(lastRead[c], urgent);
        if (n.page != null) {
          assertTrue(n.page.after <= lastRead[c] && lastRead[c] < n.page.through, "seed " + seed);
          for (EventBatch b : n.page.batches) {
            if (b.getTxid() > lastRead[c]) {
              assertEquals(nextEventAfter(seen[c]), b.getTxid(), "seed " + seed + ": a gap or a repeat");
              seen[c] = b.getTxid();
            }
          }
          lastRead[c] = n.page.through;
        } else {
          assertFalse(n.nothingNew() && lastRead[c] < log.synced, "seed " + seed + ": nothing new reported");
        }
      }
      // Drain: every cursor reaches the end and has seen everything.
      clock.addAndGet(1_000 * MS);
      for (int c = 0; c < cursors; c++) {
        while (lastRead[c] < log.synced) {
          EditLogTail.Next n = t.next(lastRead[c], true);
          for (EventBatch b : n.page.batches) {
            if (b.getTxid() > lastRead[c]) {
              assertEquals(nextEventAfter(seen[c]), b.getTxid(), "seed " + seed);
              seen[c] = b.getTxid();
            }
          }
          lastRead[c] = n.page.through;
        }
        assertEquals(lastEventUpTo(log.synced, start[c]), seen[c], "seed " + seed);
      }
    }
  }

  @Test
  void aCursorPollReturnsNullOnlyAfterAReadFoundNothingNewAndAWakeLetsTheNextReadThrough() throws Exception {
    nn.synced = 4;
    EditLogTail realTime = new EditLogTail(nn::read, 60_000, System::nanoTime);
    EditLogSource.TailCursor cursor = new EditLogSource.TailCursor(realTime, 0);
    assertEquals(1, cursor.poll(1, TimeUnit.SECONDS).getTxid());
    assertEquals(2, cursor.poll(1, TimeUnit.SECONDS).getTxid());
    assertEquals(4, cursor.poll(1, TimeUnit.SECONDS).getTxid());
    nn.synced = 5;
    // The interval (a minute) holds the read; past the poll's deadline it goes through anyway.
    long started = System.nanoTime();
    EventBatch late = cursor.poll(30, TimeUnit.MILLISECONDS);
    assertEquals(5, late.getTxid());
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
    assertNull(cursor.poll(20, TimeUnit.MILLISECONDS), "caught up");
    nn.synced = 7;
    cursor.wake();
    assertEquals(7, cursor.poll(10, TimeUnit.SECONDS).getTxid(), "a wake lets the held read through");
    assertEquals(0, cursor.behind());
  }

  private static long nextEventAfter(long txid) {
    long t = txid + 1;
    while (!FakeNameNode.hasEvent(t)) {
      t++;
    }
    return t;
  }

  private static long lastEventUpTo(long synced, long start) {
    for (long t = synced; t > start; t--) {
      if (FakeNameNode.hasEvent(t)) {
        return t;
      }
    }
    return start;
  }

  private static void assertSame(Object expected, Object actual) {
    org.junit.jupiter.api.Assertions.assertSame(expected, actual);
  }
}
