package io.tandem.mirror.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SyncWaitersTest {
  private static SyncBarrier barrier(long timeoutMs) {
    return new SyncBarrier("v", "", SyncBarrier.NO_LENGTH, timeoutMs);
  }

  @Test
  void aBarrierIsCoveredOnlyOnceThePositionReachesTheTxidReadAfterItArrived() {
    SyncWaiters w = new SyncWaiters();
    CompletableFuture<SyncOutcome> early = w.add(barrier(1000), 0);
    w.resolve(100);
    CompletableFuture<SyncOutcome> late = w.add(barrier(1000), 0);
    assertTrue(w.hasArrivals());
    w.resolve(120);
    assertTrue(w.coveredBy(99).isEmpty(), "nothing is covered before its txid");
    List<SyncWaiters.Waiter> covered = w.coveredBy(110);
    assertEquals(1, covered.size());
    assertFalse(early.isDone() || late.isDone(), "covering is not answering: the mirror answers");
    covered.get(0).result.complete(SyncOutcome.ofAcknowledged());
    assertTrue(early.join().acknowledged());
    assertEquals(1, w.coveredBy(Long.MAX_VALUE).size());
    assertTrue(w.isEmpty());
  }

  @Test
  void barriersPastTheirDeadlineTimeOutAndALinkDownAnswersEveryOne() {
    SyncWaiters w = new SyncWaiters();
    CompletableFuture<SyncOutcome> shortOne = w.add(barrier(50), 1000);
    CompletableFuture<SyncOutcome> longOne = w.add(barrier(5000), 1000);
    w.resolve(7);
    assertEquals(0, w.expire(1049));
    assertEquals(1, w.expire(1050));
    assertEquals(SyncOutcome.Status.TIMEOUT, shortOne.join().status());
    CompletableFuture<SyncOutcome> unpinned = w.add(barrier(5000), 1000);
    assertEquals(2, w.failAll(SyncOutcome.Status.LINK_DOWN, "cut"));
    assertEquals(SyncOutcome.Status.LINK_DOWN, longOne.join().status());
    assertEquals(SyncOutcome.Status.LINK_DOWN, unpinned.join().status());
    assertTrue(w.isEmpty());
  }
}
