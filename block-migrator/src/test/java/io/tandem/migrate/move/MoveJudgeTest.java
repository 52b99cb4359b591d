package io.tandem.migrate.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.MigrationRecord.State;
import io.tandem.coord.retry.Backoff;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.StorageType;
import org.junit.jupiter.api.Test;

class MoveJudgeTest {
  private static final long EPOCH = 7;
  private static final MoverSettings SETTINGS = new MoverSettings(500, 0, 3, new Backoff(1000, 8000), 10_000);
  private static final Set<String> LIVE = Set.of("src", "dst", "other");
  private final MoveJudge judge = new MoveJudge(SETTINGS, EPOCH);

  private static MigrationRecord move(State state, long gs, int attempts, long atMs) {
    return new MigrationRecord(MigrationRecord.FORMAT, "BP-1", 42, gs, "src", "dst", state, attempts, 1, atMs,
        "hot", 1024);
  }

  private static Optional<ListedBlock> listed(long gs, long size, String... holders) {
    StorageType[] types = new StorageType[holders.length];
    java.util.Arrays.fill(types, StorageType.DISK);
    return Optional.of(new ListedBlock(42, gs, size, List.of(holders), List.of(types)));
  }

  @Test
  void aPlannedMoveStartsItsCopyUnderTheCurrentEpoch() {
    MoveStep step = judge.planned(move(State.PLANNED, 100, 0, 0), listed(100, 1024, "src", "other"), LIVE, 5);
    assertEquals(MoveStep.Kind.COPY, step.kind());
    assertEquals(State.COPYING, step.next().state);
    assertEquals(EPOCH, step.next().leaderEpoch);
    assertEquals(100, step.next().generationStamp);
  }

  @Test
  void aPlannedMoveOfAnAppendedBlockCopiesTheNewStampAndSize() {
    MoveStep step = judge.planned(move(State.PLANNED, 100, 0, 0), listed(105, 2048, "src", "other"), LIVE, 5);
    assertEquals(MoveStep.Kind.COPY, step.kind());
    assertEquals(105, step.next().generationStamp);
    assertEquals(2048, step.next().numBytes);
  }

  @Test
  void aRetryWaitsOutItsBackoff() {
    MigrationRecord r = move(State.PLANNED, 100, 2, 1000);
    assertEquals(MoveStep.Kind.KEEP, judge.planned(r, listed(100, 1024, "src"), LIVE, 1000 + 1999).kind());
    assertEquals(MoveStep.Kind.COPY, judge.planned(r, listed(100, 1024, "src"), LIVE, 1000 + 2000).kind());
  }

  @Test
  void aDeadTargetFailsTheMoveSoAnotherCanBeChosen() {
    MoveStep step = judge.planned(move(State.PLANNED, 100, 0, 0), listed(100, 1024, "src"), Set.of("src"), 5);
    assertEquals(State.FAILED, step.next().state);
  }

  @Test
  void aBlockBeingWrittenIsRetriedLaterWithoutTouchingTheTarget() {
    MoveStep step = judge.planned(move(State.PLANNED, 100, 0, 0), Optional.empty(), LIVE, 5);
    assertEquals(State.PLANNED, step.next().state);
    assertEquals(1, step.next().attempts);
    assertTrue(step.isRestart());
    assertFalse(step.purgeTarget());
  }

  @Test
  void aFailedCopyIsRetriedAndItsTargetAskedToReportWhatItHolds() {
    MoveStep step = judge.copyEnded(move(State.COPYING, 100, 0, 0), new IOException("EOF"),
        listed(100, 1024, "src"), 5);
    assertEquals(State.PLANNED, step.next().state);
    assertEquals(1, step.next().attempts);
    assertTrue(step.purgeTarget());
    assertTrue(step.next().reason.contains("EOF"), step.next().reason);
  }

  @Test
  void attemptsRunOutIntoFailed() {
    MoveStep step = judge.copyEnded(move(State.COPYING, 100, 2, 0), new IOException("EOF"),
        listed(100, 1024, "src"), 5);
    assertEquals(State.FAILED, step.next().state);
    assertEquals(3, step.next().attempts);
  }

  @Test
  void verificationIsDoneOnlyWhenTheTargetHoldsTheRecordedStampAndTheSourceIsGone() {
    MigrationRecord r = move(State.VERIFYING, 100, 0, 0);
    assertEquals(MoveStep.Kind.KEEP, judge.verifying(r, listed(100, 1024, "src", "other"), 5).kind());
    assertEquals(MoveStep.Kind.KEEP, judge.verifying(r, listed(100, 1024, "src", "dst", "other"), 5).kind());
    assertEquals(State.DONE, judge.verifying(r, listed(100, 1024, "dst", "other"), 5).next().state);
  }

  @Test
  void aWriteDuringTheMoveRestartsItAtTheNewStamp() {
    MoveStep step = judge.verifying(move(State.VERIFYING, 100, 0, 0), listed(101, 2048, "src", "other"), 5);
    assertEquals(State.PLANNED, step.next().state);
    assertEquals(101, step.next().generationStamp);
    assertEquals(2048, step.next().numBytes);
    assertTrue(step.isRestart());
    assertTrue(step.purgeTarget(), "the stale copy on the target must be reported");
  }

  @Test
  void aTargetThatNeverRegistersIsRetriedAfterTheVerifyTimeout() {
    MigrationRecord r = move(State.VERIFYING, 100, 0, 0);
    assertEquals(MoveStep.Kind.KEEP, judge.verifying(r, listed(100, 1024, "src"), 9_999).kind());
    assertEquals(State.PLANNED, judge.verifying(r, listed(100, 1024, "src"), 10_000).next().state);
  }

  @Test
  void aSourceTheNameNodeKeepsEndsTheMoveAfterTheVerifyTimeout() {
    MigrationRecord r = move(State.VERIFYING, 100, 0, 0);
    MoveStep step = judge.verifying(r, listed(100, 1024, "src", "dst", "other"), 10_000);
    assertEquals(State.DONE, step.next().state);
    assertTrue(step.next().reason.contains("kept the source"), step.next().reason);
  }

  @Test
  void aCopyLeftByAPreviousLeaderIsVerifiedNotRepeated() {
    MoveStep step = judge.orphanedCopy(move(State.COPYING, 100, 0, 0), 5);
    assertEquals(State.VERIFYING, step.next().state);
    assertEquals(EPOCH, step.next().leaderEpoch);
    assertEquals(5, step.next().updatedAtMs);
  }
}
