package io.tandem.mirror.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PathLocksTest {
  private final PathLocks locks = new PathLocks();

  @Test
  void aPathHeldElsewhereIsRefusedAfterTheWaitAndFreeAfterTheRelease() throws Exception {
    PathLocks.Held first = locks.tryHold(List.of("/v/a"), 0).orElseThrow();
    Optional<PathLocks.Held> second = CompletableFuture.supplyAsync(() -> tryHold(List.of("/v/a"), 50)).get(10, TimeUnit.SECONDS);
    assertFalse(second.isPresent(), "two requests held /v/a at once");
    first.close();
    PathLocks.Held again = CompletableFuture.supplyAsync(() -> tryHold(List.of("/v/a"), 0)).get(10, TimeUnit.SECONDS)
        .orElseThrow(() -> new AssertionError("/v/a stayed held after its release"));
    again.close();
    first.close(); // a second close releases nothing more
    assertEquals(0, locks.size(), "released paths are forgotten");
  }

  @Test
  void otherPathsAreNotHeldUp() throws Exception {
    try (PathLocks.Held a = locks.tryHold(List.of("/v/a"), 0).orElseThrow()) {
      Optional<PathLocks.Held> b = CompletableFuture.supplyAsync(() -> tryHold(List.of("/v/b"), 0)).get(10, TimeUnit.SECONDS);
      assertTrue(b.isPresent());
      b.get().close();
      assertEquals(1, locks.size());
    }
  }

  @Test
  void aDirectoryWaitsForWhatIsHeldBelowItAndAFileForWhatIsHeldAboveIt() throws Exception {
    try (PathLocks.Held file = locks.tryHold(List.of("/v/d/f"), 0).orElseThrow()) {
      assertFalse(tryHoldElsewhere(List.of("/v/d"), 20).isPresent(), "a delete of /v/d ran past a write of /v/d/f");
      assertFalse(tryHoldElsewhere(List.of("/v"), 20).isPresent());
      assertFalse(tryHoldElsewhere(List.of("/"), 20).isPresent());
      Optional<PathLocks.Held> sibling = tryHoldElsewhere(List.of("/v/d/f2"), 0);
      assertTrue(sibling.isPresent(), "/v/d/f2 is not below /v/d/f");
      sibling.get().close();
      Optional<PathLocks.Held> prefixed = tryHoldElsewhere(List.of("/v/d/f.1"), 0);
      assertTrue(prefixed.isPresent(), "/v/d/f.1 only shares a prefix with /v/d/f");
      prefixed.get().close();
    }
    try (PathLocks.Held dir = locks.tryHold(List.of("/v/d"), 0).orElseThrow()) {
      assertFalse(tryHoldElsewhere(List.of("/v/d/f"), 20).isPresent(), "a write under /v/d ran past its delete");
      assertFalse(tryHoldElsewhere(List.of("/v/x", "/v/d/g/h"), 20).isPresent());
    }
    assertEquals(0, locks.size());
  }

  private Optional<PathLocks.Held> tryHoldElsewhere(List<String> paths, long waitMs) throws Exception {
    return CompletableFuture.supplyAsync(() -> tryHold(paths, waitMs)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWaiterGetsThePathOnceItsHolderLetsGo() throws Exception {
    PathLocks.Held first = locks.tryHold(List.of("/v/a"), 0).orElseThrow();
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Optional<PathLocks.Held>> second = CompletableFuture.supplyAsync(() -> {
      waiting.countDown();
      return tryHold(List.of("/v/a"), 60_000);
    });
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    first.close();
    PathLocks.Held h = second.get(30, TimeUnit.SECONDS).orElseThrow();
    h.close();
    assertEquals(0, locks.size());
  }

  @Test
  void aPairIsTakenWholeOrNotAtAllWhicheverOrderItIsNamedIn() throws Exception {
    try (PathLocks.Held b = locks.tryHold(List.of("/v/b"), 0).orElseThrow()) {
      Optional<PathLocks.Held> pair = CompletableFuture.supplyAsync(() -> tryHold(List.of("/v/b", "/v/a"), 20)).get(10, TimeUnit.SECONDS);
      assertFalse(pair.isPresent());
      // /v/a, taken first in sorted order, was let go again
      Optional<PathLocks.Held> a = CompletableFuture.supplyAsync(() -> tryHold(List.of("/v/a"), 0)).get(10, TimeUnit.SECONDS);
      assertTrue(a.isPresent(), "a refused pair kept one of its paths");
      a.get().close();
    }
    // Two renames naming the same pair in opposite orders, over and over: neither ever waits out its deadline.
    for (int i = 0; i < 200; i++) {
      CompletableFuture<Optional<PathLocks.Held>> ab = CompletableFuture.supplyAsync(() -> holdBriefly(List.of("/v/a", "/v/b")));
      CompletableFuture<Optional<PathLocks.Held>> ba = CompletableFuture.supplyAsync(() -> holdBriefly(List.of("/v/b", "/v/a")));
      assertTrue(ab.get(30, TimeUnit.SECONDS).isPresent() && ba.get(30, TimeUnit.SECONDS).isPresent(), "round " + i);
    }
    assertEquals(0, locks.size());
  }

  @Test
  void anInterruptedWaitHoldsNothing() throws Exception {
    PathLocks.Held a = locks.tryHold(List.of("/v/a"), 0).orElseThrow();
    Thread.currentThread().interrupt();
    try {
      locks.tryHold(List.of("/v/0", "/v/a"), 60_000);
      throw new AssertionError("an interrupted wait went on");
    } catch (InterruptedException expected) {
      // as it should
    }
    a.close();
    assertEquals(0, locks.size(), "the interrupted wait left paths behind");
  }

  private Optional<PathLocks.Held> holdBriefly(List<String> paths) {
    Optional<PathLocks.Held> h = tryHold(paths, 30_000);
    h.ifPresent(PathLocks.Held::close);
    return h;
  }

  private Optional<PathLocks.Held> tryHold(List<String> paths, long waitMs) {
    try {
      return locks.tryHold(paths, waitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
