package io.tandem.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One seeded run of the planner against a simulated cluster: DataNodes on racks, blocks placed by HDFS's default
 * policy, Zipf-like read heat that shifts for a while and then holds still. Every step the simulation completes the
 * moves that are due (some fail), shifts the heat, reports each DataNode's load as the sum of the heat of the
 * replicas it holds, feeds the reports to the tracker, plans, checks the plan, and starts its moves. Invariants are
 * checked after every step and every half-done move; every assertion names the seed.
 *
 * <p>Moves are copy-then-delete: the target's replica appears, and only then the source's goes. Reports lag behind
 * the replicas by 0 to 2 steps (by seed), as a real DataNode's report averages the interval before it and readers
 * find a moved replica only after a while: a completed move shows in the reports (load and hot lists) only that
 * many steps later, and the planner's settle time is set to that lag.
 */
final class ClusterSimulation {
  static final long STEP_MS = 5_000;
  static final int SHIFT_STEPS = 30;
  static final int CONVERGE_WITHIN_STEPS = 60;
  static final int STABLE_STEPS = 10;
  private static final int HOT_LIST_SIZE = 64;
  private static final double FAILURE_RATE = 0.1;
  private static final double MEAN_NODE_READ_BYTES = 100e6;
  private static final long FIRST_BLOCK_ID = 1_073_741_825L;

  private final long seed;
  private final Random rnd;
  private final PlannerSettings settings;
  private final LoadModel model;
  private final MigrationPlanner planner;
  private final int nodeCount;
  private final int rackCount;
  private final String[] uuid;
  private final String[] rack;
  private final double[] baseLatencyMs;
  private final double[] writeBytes;
  private final int blockCount;
  private final int[] expected;
  private final boolean[] complete;
  private final double[] blockReadBytes;
  private final double[] readSize;
  private final int[][] holders;
  /** The replicas as the reports see them: {@link #holders} as it was {@link #reportLagSteps} steps ago. */
  private final int[][] reportedHolders;
  private final int reportLagSteps;
  /** Completed moves the reports do not show yet: block index, and the step from which they do. */
  private final List<int[]> unreported = new ArrayList<>();
  private final BlockPlacement[] placements;
  private final long[] lastMovedAtMs;
  private final int[] lastMovedFrom;
  private final int[] lastMovedTo;
  private final long[] lastFailureAtMs;
  /** DataNodes that received a replica whose move was planned after the heat stopped shifting. */
  private final boolean[] receivedOnFrozenHeat;
  private final List<SimMove> inFlight = new ArrayList<>();
  private final double referenceThroughput;
  /**
   * No replica carries more than this share of a mean DataNode's reads (8-20%, by seed): a replica hotter than the
   * room on every target could never be placed, and the cluster could not settle.
   */
  private final double replicaHeatCap;
  private HotTracker tracker;
  private MoveHistory history = MoveHistory.empty();
  private int step;
  private int movesStarted;
  private int movesFailed;

  ClusterSimulation(long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
    int lag = rnd.nextInt(3);
    this.settings = PlannerSettings.builder()
        .threshold(0.2 + 0.05 * rnd.nextInt(3))
        .sustainReports(1 + rnd.nextInt(4))
        .maxConcurrentMoves(1 + rnd.nextInt(3))
        .blockCooldownMs(12 * STEP_MS)
        .failureBackoffMs(3 * STEP_MS)
        .settleMs(lag * STEP_MS)
        .build();
    this.reportLagSteps = lag;
    this.model = LoadModel.of(settings);
    this.planner = new MigrationPlanner(settings);
    this.tracker = HotTracker.start(settings);
    this.replicaHeatCap = 0.08 + 0.12 * rnd.nextDouble();
    this.nodeCount = 20 + rnd.nextInt(41);
    this.rackCount = 2 + rnd.nextInt(4);
    this.uuid = new String[nodeCount];
    this.rack = new String[nodeCount];
    this.baseLatencyMs = new double[nodeCount];
    this.writeBytes = new double[nodeCount];
    for (int i = 0; i < nodeCount; i++) {
      uuid[i] = String.format("dn-%02d", i);
      rack[i] = "/r" + (i % rackCount);
      baseLatencyMs[i] = 1 + 3 * rnd.nextDouble();
      writeBytes[i] = rnd.nextDouble() * 0.15 * MEAN_NODE_READ_BYTES;
    }
    this.lastFailureAtMs = new long[nodeCount];
    this.receivedOnFrozenHeat = new boolean[nodeCount];
    Arrays.fill(lastFailureAtMs, Long.MIN_VALUE);
    this.blockCount = 2000 + rnd.nextInt(2001);
    this.expected = new int[blockCount];
    this.complete = new boolean[blockCount];
    this.blockReadBytes = new double[blockCount];
    this.readSize = new double[blockCount];
    this.holders = new int[blockCount][];
    this.placements = new BlockPlacement[blockCount];
    this.lastMovedAtMs = new long[blockCount];
    this.lastMovedFrom = new int[blockCount];
    this.lastMovedTo = new int[blockCount];
    Arrays.fill(lastMovedAtMs, Long.MIN_VALUE);
    Arrays.fill(lastMovedFrom, -1);
    placeBlocks();
    this.reportedHolders = new int[blockCount][];
    for (int b = 0; b < blockCount; b++) {
      reportedHolders[b] = holders[b].clone();
    }
    assignHeat();
    this.referenceThroughput = meanThroughput();
  }

  /** HDFS's default placement: a random DataNode, then two on one other rack (or one, for replication 2). */
  private void placeBlocks() {
    for (int b = 0; b < blockCount; b++) {
      expected[b] = rnd.nextInt(10) == 0 ? 2 : 3;
      complete[b] = rnd.nextInt(100) != 0;
      int first = rnd.nextInt(nodeCount);
      int second = randomNode(n -> !rack[n].equals(rack[first]));
      if (expected[b] == 2) {
        holders[b] = new int[] {first, second};
      } else {
        int third = randomNode(n -> n != second && rack[n].equals(rack[second]));
        holders[b] = new int[] {first, second, third};
      }
      refreshPlacement(b);
      readSize[b] = 65536.0 * (1 + rnd.nextInt(16));
    }
  }

  private int randomNode(java.util.function.IntPredicate ok) {
    while (true) {
      int n = rnd.nextInt(nodeCount);
      if (ok.test(n)) {
        return n;
      }
    }
  }

  /** Zipf-like popularity over a random ranking, capped so every replica can be placed somewhere. */
  private void assignHeat() {
    double exponent = 0.3 + 0.7 * rnd.nextDouble();
    int[] rank = new int[blockCount];
    for (int i = 0; i < blockCount; i++) {
      rank[i] = i;
    }
    for (int i = blockCount - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = rank[i];
      rank[i] = rank[j];
      rank[j] = t;
    }
    double total = 0;
    double[] raw = new double[blockCount];
    for (int b = 0; b < blockCount; b++) {
      raw[b] = 1 / Math.pow(rank[b] + 1, exponent);
      total += raw[b];
    }
    for (int b = 0; b < blockCount; b++) {
      blockReadBytes[b] = capped(b, raw[b] / total * nodeCount * MEAN_NODE_READ_BYTES);
    }
  }

  private double capped(int block, double bytes) {
    return Math.min(bytes, expected[block] * replicaHeatCap * MEAN_NODE_READ_BYTES);
  }

  /** Runs the whole scenario; returns the step at which the cluster settled. */
  int run() {
    int settledAt = -1;
    for (step = 0; step < SHIFT_STEPS + CONVERGE_WITHIN_STEPS + STABLE_STEPS; step++) {
      long now = step * STEP_MS;
      completeDueMoves(now);
      reportDueMoves();
      if (step < SHIFT_STEPS) {
        shiftHeat();
      }
      LoadScores scores = model.score(reports(now, reportedHolders));
      checkNoTargetOvershot(model.score(reports(now, holders)));
      tracker = tracker.observe(scores);
      ClusterView view = view(scores);
      Plan plan = planner.plan(view, now);
      checkProjection(plan, view);
      checkAndStart(plan, now);
      checkAllBlocks();
      if (step >= SHIFT_STEPS) {
        boolean quiet = isQuiet(scores, plan);
        if (settledAt < 0 && quiet) {
          settledAt = step;
        } else if (settledAt >= 0) {
          if (!quiet) {
            fail(at() + "settled at step " + settledAt + " but not quiet now: hot " + tracker.hotNodes() + ", plan\n"
                + plan);
          }
          if (step >= settledAt + STABLE_STEPS) {
            return settledAt;
          }
        }
        int deadline = SHIFT_STEPS + CONVERGE_WITHIN_STEPS;
        if (settledAt < 0 && step >= deadline) {
          fail(at() + "did not settle within " + CONVERGE_WITHIN_STEPS + " steps after the heat stopped shifting "
              + "(" + describe() + "): hot " + tracker.hotNodes() + ", in flight " + inFlight.size() + ", plan\n"
              + plan);
        }
      }
    }
    return settledAt;
  }

  /**
   * Once the heat holds still only moves change load, and the planner loads no target past the cool line: so a
   * DataNode that received replicas planned since must stay below the hot line, or the planner overshot it. Judged
   * on the load the replicas really carry now, not on the lagging reports.
   */
  private void checkNoTargetOvershot(LoadScores scores) {
    double hotLine = settings.hotRule().hotLine(scores.mean());
    for (int i = 0; i < nodeCount; i++) {
      if (receivedOnFrozenHeat[i] && scores.score(uuid[i]) > hotLine) {
        fail(at() + "overshot target " + uuid[i] + ": " + MoveReasons.times(scores.score(uuid[i]))
            + " mean after receiving replicas, above the hot line " + MoveReasons.times(hotLine));
      }
    }
  }

  private boolean isQuiet(LoadScores scores, Plan plan) {
    double hotLine = settings.hotRule().hotLine(scores.mean());
    for (NodeLoad n : scores.nodes()) {
      if (scores.score(n.datanodeUuid()) > hotLine) {
        return false;
      }
    }
    return tracker.hotNodes().isEmpty() && plan.isEmpty() && inFlight.isEmpty();
  }

  private void shiftHeat() {
    for (int i = 0; i < blockCount / 50; i++) {
      int a = rnd.nextInt(blockCount);
      int b = rnd.nextInt(blockCount);
      double t = blockReadBytes[a];
      blockReadBytes[a] = capped(a, blockReadBytes[b]);
      blockReadBytes[b] = capped(b, t);
    }
    if (rnd.nextInt(5) == 0) {
      heatBlocksOn(rnd.nextInt(nodeCount), 6);
    }
    if (rnd.nextInt(10) == 0) {
      // a whole rack turns hot at once: targets get scarce and the planner must not overfill the few there are
      int hotRack = rnd.nextInt(rackCount);
      int blocksEach = 2 + rnd.nextInt(9);
      for (int n = hotRack; n < nodeCount; n += rackCount) {
        heatBlocksOn(n, blocksEach);
      }
    }
    for (int i = 0; i < nodeCount; i++) {
      writeBytes[i] = Math.min(0.2 * MEAN_NODE_READ_BYTES, writeBytes[i] * (0.8 + 0.4 * rnd.nextDouble()));
    }
  }

  /** Makes up to {@code count} random blocks on the DataNode as hot as a block may be. */
  private void heatBlocksOn(int node, int count) {
    int heated = 0;
    for (int tries = 0; tries < 200 && heated < count; tries++) {
      int b = rnd.nextInt(blockCount);
      if (holds(b, node)) {
        blockReadBytes[b] = capped(b, Double.MAX_VALUE);
        heated++;
      }
    }
  }

  /** Moves the reports show from this step on. */
  private void reportDueMoves() {
    for (Iterator<int[]> it = unreported.iterator(); it.hasNext();) {
      int[] due = it.next();
      if (due[1] <= step) {
        reportedHolders[due[0]] = holders[due[0]].clone();
        it.remove();
      }
    }
  }

  private List<NodeLoad> reports(long now, int[][] replicas) {
    double[] readBytes = new double[nodeCount];
    double[] transfers = new double[nodeCount];
    for (int b = 0; b < blockCount; b++) {
      double share = blockReadBytes[b] / replicas[b].length;
      double reads = share / readSize[b];
      for (int h : replicas[b]) {
        readBytes[h] += share;
        transfers[h] += reads * (0.1 + readSize[b] / 10e6);
      }
    }
    List<NodeLoad> out = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      double throughput = readBytes[i] + writeBytes[i];
      int xceivers = (int) Math.round(transfers[i] + writeBytes[i] / 4e6);
      double latency = baseLatencyMs[i] + 6 * throughput / referenceThroughput;
      out.add(new NodeLoad(uuid[i], rack[i], xceivers, Math.round(readBytes[i]), Math.round(writeBytes[i]), latency,
          step + 1, now));
    }
    return out;
  }

  private double meanThroughput() {
    double sum = 0;
    for (int b = 0; b < blockCount; b++) {
      sum += blockReadBytes[b];
    }
    for (double w : writeBytes) {
      sum += w;
    }
    return sum / nodeCount;
  }

  /** What the DataNodes would report: each one's hottest replicas, as its hot-block list. */
  private ClusterView view(LoadScores scores) {
    List<BlockHeat> heat = new ArrayList<>();
    for (int[] hottest : hotLists()) {
      for (int k = 1; k < hottest.length; k++) {
        int b = hottest[k];
        heat.add(new BlockHeat(uuid[hottest[0]], FIRST_BLOCK_ID + b, replicaBytes(b) / readSize[b], replicaBytes(b)));
      }
    }
    List<InFlightMove> moving = new ArrayList<>();
    for (SimMove m : inFlight) {
      moving.add(new InFlightMove(FIRST_BLOCK_ID + m.block, uuid[m.source], uuid[m.target]));
    }
    return ClusterView.builder(scores, tracker).blocks(Arrays.asList(placements)).heat(heat).inFlight(moving)
        .history(history).build();
  }

  /**
   * Per DataNode: its index, then its hottest blocks, hottest first. Blocks are sorted once by replica heat (as a
   * float in the high half of a long, the block index in the low half) and dealt out to their holders.
   */
  private int[][] hotLists() {
    long[] keys = new long[blockCount];
    for (int b = 0; b < blockCount; b++) {
      keys[b] = ((long) Float.floatToIntBits((float) replicaBytes(b)) << 32) | b;
    }
    Arrays.sort(keys);
    int[][] lists = new int[nodeCount][HOT_LIST_SIZE + 1];
    int[] size = new int[nodeCount];
    for (int k = blockCount - 1; k >= 0; k--) {
      int b = (int) keys[k];
      for (int h : reportedHolders[b]) {
        if (size[h] < HOT_LIST_SIZE) {
          lists[h][++size[h]] = b;
        }
      }
    }
    for (int i = 0; i < nodeCount; i++) {
      lists[i] = Arrays.copyOf(lists[i], size[i] + 1);
      lists[i][0] = i;
    }
    return lists;
  }

  private double replicaBytes(int block) {
    return blockReadBytes[block] / holders[block].length;
  }

  /**
   * Keeps its own books of what the plan does to load, from the reports, the moves in flight and the plan in order:
   * no move is planned off a source already at or below the cool line, and no target is taken past it. Heat comes
   * from the view, as the planner sees it: a block that left its source's hot list moves no known load.
   */
  private void checkProjection(Plan plan, ClusterView view) {
    LoadScores scores = view.scores();
    double coolLine = settings.hotRule().coolLine(scores.mean());
    double[] projected = new double[nodeCount];
    for (int i = 0; i < nodeCount; i++) {
      projected[i] = scores.score(uuid[i]);
    }
    for (SimMove m : inFlight) {
      double share = view.heat(uuid[m.source], FIRST_BLOCK_ID + m.block).map(scores::moveShare).orElse(0.0);
      projected[m.source] = Math.max(0, projected[m.source] - share);
      projected[m.target] += share;
    }
    long now = step * STEP_MS;
    for (int b = 0; b < blockCount; b++) {
      if (lastMovedFrom[b] >= 0 && now - lastMovedAtMs[b] < settings.settleMs()) {
        long id = FIRST_BLOCK_ID + b;
        double off = view.heat(uuid[lastMovedFrom[b]], id).map(scores::moveShare).orElse(0.0);
        double on = view.heat(uuid[lastMovedTo[b]], id).map(scores::moveShare).orElse(0.0);
        projected[lastMovedFrom[b]] = Math.max(0, projected[lastMovedFrom[b]] - off);
        projected[lastMovedTo[b]] += Math.max(off, on) - on;
      }
    }
    for (PlannedMove m : plan.moves()) {
      int src = index(m.source());
      int tgt = index(m.target());
      double share = scores.moveShare(view.heat(m.source(), m.blockId()).get());
      assertEquals(share, m.loadShare(), 1e-9, at() + m + ": load share");
      assertTrue(projected[src] > coolLine, at() + m + ": source already at " + MoveReasons.times(projected[src])
          + ", at or below the cool line " + MoveReasons.times(coolLine));
      projected[src] = Math.max(0, projected[src] - share);
      projected[tgt] += share;
      assertTrue(projected[tgt] <= coolLine + 1e-9, at() + m + ": target projected to "
          + MoveReasons.times(projected[tgt]) + ", past the cool line " + MoveReasons.times(coolLine));
    }
  }

  /** Checks each planned move against every rule, independently of the planner, then starts it. */
  private void checkAndStart(Plan plan, long now) {
    for (PlannedMove m : plan.moves()) {
      int b = (int) (m.blockId() - FIRST_BLOCK_ID);
      int src = index(m.source());
      int tgt = index(m.target());
      String what = at() + m + ": ";
      assertTrue(b >= 0 && b < blockCount, what + "unknown block");
      assertTrue(complete[b], what + "the block is under construction");
      assertTrue(holds(b, src), what + "the source holds no replica");
      assertFalse(holds(b, tgt), what + "the target already holds a replica");
      assertEquals(placements[b].generationStamp(), m.generationStamp(), what + "wrong generation stamp");
      for (SimMove other : inFlight) {
        assertTrue(other.block != b, what + "the block already has a move in flight");
      }
      assertTrue(tracker.isHot(m.source()), what + "the source is not hot");
      assertFalse(tracker.isHot(m.target()), what + "the target is hot");
      assertFalse(backingOff(src, now), what + "the source is backing off");
      assertFalse(backingOff(tgt, now), what + "the target is backing off");
      assertTrue(lastMovedAtMs[b] == Long.MIN_VALUE || now - lastMovedAtMs[b] >= settings.blockCooldownMs(),
          what + "moved again " + (now - lastMovedAtMs[b]) + " ms after its last move");
      assertTrue(lastMovedFrom[b] != tgt, what + "ping-pong: moved back to " + m.target() + ", which it left");
      int[] after = holders[b].clone();
      after[indexOf(holders[b], src)] = tgt;
      assertTrue(distinctRacks(after) >= distinctRacks(holders[b]), what + "narrows the racks the block spans");
      checkRackPlacement(b, after, what);
      assertTrue(m.reason().startsWith(m.source() + " load ") && m.reason().contains(m.target() + " coolest"),
          what + "reason does not explain the move");
      inFlight.add(new SimMove(b, src, tgt, step, step + 1 + rnd.nextInt(3)));
      movesStarted++;
    }
    int[] slots = new int[nodeCount];
    for (SimMove m : inFlight) {
      slots[m.source]++;
      slots[m.target]++;
    }
    for (int i = 0; i < nodeCount; i++) {
      assertTrue(slots[i] <= settings.maxConcurrentMoves(), at() + uuid[i] + " takes part in " + slots[i]
          + " moves, cap " + settings.maxConcurrentMoves());
    }
  }

  /** Copy, check, delete, check: the replica count may rise during a move, never fall. */
  private void completeDueMoves(long now) {
    MoveHistory.Builder outcomes = history.toBuilder();
    for (Iterator<SimMove> it = inFlight.iterator(); it.hasNext();) {
      SimMove m = it.next();
      if (m.finishStep > step) {
        continue;
      }
      it.remove();
      if (rnd.nextDouble() < FAILURE_RATE) {
        int blamed = rnd.nextInt(10) < 7 ? m.target : m.source;
        outcomes.failed(uuid[blamed], now);
        lastFailureAtMs[blamed] = now;
        movesFailed++;
        continue;
      }
      int b = m.block;
      String what = at() + "move of block " + (FIRST_BLOCK_ID + b) + " " + uuid[m.source] + " -> " + uuid[m.target]
          + ": ";
      assertFalse(holds(b, m.target), what + "target gained a replica while the move was in flight");
      int[] copied = Arrays.copyOf(holders[b], holders[b].length + 1);
      copied[copied.length - 1] = m.target;
      holders[b] = copied;
      checkReplicaCount(b, what + "after the copy: ");
      int[] deleted = new int[copied.length - 1];
      int k = 0;
      for (int h : copied) {
        if (h != m.source) {
          deleted[k++] = h;
        }
      }
      holders[b] = deleted;
      checkReplicaCount(b, what + "after the delete: ");
      checkRackPlacement(b, deleted, what);
      assertFalse(lastMovedFrom[b] == m.target && lastMovedTo[b] == m.source, what + "ping-pong A->B->A");
      lastMovedAtMs[b] = now;
      lastMovedFrom[b] = m.source;
      lastMovedTo[b] = m.target;
      outcomes.moved(FIRST_BLOCK_ID + b, uuid[m.source], uuid[m.target], now);
      unreported.removeIf(u -> u[0] == b);
      unreported.add(new int[] {b, step + reportLagSteps});
      if (m.plannedStep >= SHIFT_STEPS) {
        receivedOnFrozenHeat[m.target] = true;
      }
      refreshPlacement(b);
    }
    history = outcomes.build();
  }

  private void checkAllBlocks() {
    String where = at();
    for (int b = 0; b < blockCount; b++) {
      checkReplicaCount(b, where);
      checkRackPlacement(b, holders[b], where);
    }
  }

  private void checkReplicaCount(int b, String what) {
    int[] h = holders[b];
    if (h.length < expected[b]) {
      fail(what + "block " + (FIRST_BLOCK_ID + b) + " has " + h.length + " live replicas, expected " + expected[b]);
    }
    for (int i = 0; i < h.length; i++) {
      for (int j = i + 1; j < h.length; j++) {
        if (h[i] == h[j]) {
          fail(what + "block " + (FIRST_BLOCK_ID + b) + " has two replicas on " + uuid[h[i]]);
        }
      }
    }
  }

  /** HDFS default placement: at least min(2, racks, replicas) racks, at most maxNodesPerRack on any one. */
  private void checkRackPlacement(int b, int[] h, String what) {
    int racks = distinctRacks(h);
    if (racks < Math.min(2, Math.min(rackCount, h.length))) {
      fail(what + "block " + (FIRST_BLOCK_ID + b) + " spans " + racks + " racks on " + names(h));
    }
    int max = maxPerRack(h.length, rackCount);
    int[] perRack = new int[rackCount];
    for (int n : h) {
      if (++perRack[n % rackCount] > max) {
        fail(what + "block " + (FIRST_BLOCK_ID + b) + " has more than " + max + " replicas on rack " + rack[n]);
      }
    }
  }

  private static int maxPerRack(int replicas, int racks) {
    if (racks <= 1 || replicas <= 1) {
      return replicas;
    }
    int max = (replicas - 1) / racks + 2;
    return max == replicas ? max - 1 : max;
  }

  /** Node i is on rack i % rackCount, so a bit per rack index counts them. */
  private int distinctRacks(int[] h) {
    int racks = 0;
    for (int n : h) {
      racks |= 1 << (n % rackCount);
    }
    return Integer.bitCount(racks);
  }

  private boolean backingOff(int node, long now) {
    return lastFailureAtMs[node] != Long.MIN_VALUE && now - lastFailureAtMs[node] < settings.failureBackoffMs();
  }

  private boolean holds(int block, int node) {
    return indexOf(holders[block], node) >= 0;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private int index(String datanode) {
    return Integer.parseInt(datanode.substring(3));
  }

  private List<String> names(int[] h) {
    List<String> out = new ArrayList<>();
    for (int n : h) {
      out.add(uuid[n] + "@" + rack[n]);
    }
    return out;
  }

  private void refreshPlacement(int b) {
    List<String> locations = new ArrayList<>(holders[b].length);
    for (int h : holders[b]) {
      locations.add(uuid[h]);
    }
    placements[b] = new BlockPlacement(FIRST_BLOCK_ID + b, 1000 + b, 128L << 20, complete[b], locations, expected[b]);
  }

  private String at() {
    return "seed " + seed + ", step " + step + ": ";
  }

  String describe() {
    return nodeCount + " DataNodes on " + rackCount + " racks, " + blockCount + " blocks, replica heat cap "
        + Math.round(replicaHeatCap * 100) + "% of a mean DataNode, " + settings;
  }

  int movesStarted() {
    return movesStarted;
  }

  int movesFailed() {
    return movesFailed;
  }

  /** A move under way: due to finish (succeed or fail) at {@code finishStep}. */
  private static final class SimMove {
    final int block;
    final int source;
    final int target;
    final int plannedStep;
    final int finishStep;

    SimMove(int block, int source, int target, int plannedStep, int finishStep) {
      this.block = block;
      this.source = source;
      this.target = target;
      this.plannedStep = plannedStep;
      this.finishStep = finishStep;
    }
  }
}
