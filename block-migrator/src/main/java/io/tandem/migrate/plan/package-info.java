/**
 * The migration planner of load-triggered block migration: pure code, load table and block map in, moves out.
 *
 * <p>Nothing here touches ZooKeeper, HDFS, threads or the clock: time is passed in as {@code nowMs}, and every input
 * is an immutable value. One planning round is:
 *
 * <pre>
 *   LoadScores scores = model.score(nodeLoads);           // one latest report per DataNode
 *   tracker = tracker.observe(scores);                    // sustain rule and hysteresis
 *   ClusterView view = ClusterView.builder(scores, tracker)
 *       .blocks(...).heat(...).inFlight(...).history(...).build();
 *   Plan plan = planner.plan(view, nowMs);                // moves, each with its reason, and what was skipped
 * </pre>
 *
 * <p>The mover that carries a plan out copies the replica to the target and removes the source replica only after
 * the copy is confirmed, so a block's live replica count never drops; the planner relies on that.
 */
package io.tandem.migrate.plan;
