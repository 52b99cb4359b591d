package io.tandem.migrate.move;

import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.MigrationPlanRecord;
import io.tandem.coord.store.RecordStore;
import io.tandem.migrate.plan.Plan;
import io.tandem.migrate.plan.PlannedMove;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Publishes the leader's plan at {@code /<site>/migrate-plan} for {@code tandem migrate plan}, rewriting it only
 * when it changed, so a quiet site costs ZooKeeper no writes. Confined to the round's thread.
 */
final class PlanPublisher {
  /** Skipped candidates kept in the published plan: enough to explain it, small enough for one znode. */
  static final int MAX_PUBLISHED_SKIPS = 40;

  private final RecordStore<MigrationPlanRecord> store;
  private final String path;
  private MigrationPlanRecord published;

  PlanPublisher(RecordStore<MigrationPlanRecord> store, String path) {
    this.store = store;
    this.path = path;
  }

  /**
   * @param dryRun what the next round would start, nothing of it started
   * @param started the moves this round started
   */
  void publish(Plan dryRun, List<PlannedMove> started, Collection<String> hotNodes, boolean paused,
      FencingToken token, long nowMs) throws Exception {
    List<String> moves = new ArrayList<>();
    dryRun.moves().forEach(m -> moves.add(m.toString()));
    List<String> startedLines = new ArrayList<>();
    started.forEach(m -> startedLines.add(m.toString()));
    List<String> skipped = new ArrayList<>();
    dryRun.skipped().forEach(k -> skipped.add(k.toString()));
    if (skipped.size() > MAX_PUBLISHED_SKIPS) {
      int more = skipped.size() - MAX_PUBLISHED_SKIPS;
      skipped.subList(MAX_PUBLISHED_SKIPS, skipped.size()).clear();
      skipped.add("... and " + more + " more");
    }
    MigrationPlanRecord next = new MigrationPlanRecord(MigrationPlanRecord.FORMAT, token.epoch(), nowMs, paused,
        new ArrayList<>(hotNodes), moves, skipped, startedLines);
    if (next.samePlanAs(published)) {
      return;
    }
    store.update(path, current -> next, token);
    published = next;
  }
}
