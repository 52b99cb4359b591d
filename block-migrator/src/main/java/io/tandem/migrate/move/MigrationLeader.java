package io.tandem.migrate.move;

import io.tandem.coord.component.AgentContext;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.LoadReport;
import io.tandem.coord.record.MigrationPlanRecord;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.migrate.load.SiteLoadReader;
import io.tandem.migrate.plan.ClusterView;
import io.tandem.migrate.plan.HotTracker;
import io.tandem.migrate.plan.InFlightMove;
import io.tandem.migrate.plan.LoadModel;
import io.tandem.migrate.plan.LoadScores;
import io.tandem.migrate.plan.MigrationPlanner;
import io.tandem.migrate.plan.Plan;
import io.tandem.migrate.plan.PlannedMove;
import io.tandem.migrate.plan.PlannerSettings;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term of the mover: each {@link #round} first advances every move in the routing table (so a new
 * leader resumes where the last one stopped), then reads the DataNodes' load reports, lets the planner choose new
 * moves and records them. All routing-table writes happen on the round's thread, under the term's fencing token;
 * copies run in a {@link TransferPool} and report back to the next round.
 */
public final class MigrationLeader implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationLeader.class);

  private final FencingToken token;
  private final NameNodeConnection namenode;
  private final BlockTransfer transfer;
  private final RoutingTable routing;
  private final SiteLoadReader loads;
  private final MigrationPlanner planner;
  private final LoadModel model;
  private final MoverSettings settings;
  private final MoveJudge judge;
  private final MigrationCounters counters;
  private final TransferPool pool;
  private final Clock clock;
  private HotTracker tracker;
  private volatile Plan lastPlan;
  private volatile Set<String> hotNodes = Set.of();
  private volatile int active;
  private volatile boolean paused;
  private Set<String> throttled = Set.of();

  private final CuratorFramework zk;
  private final String pausePath;
  private final PlanPublisher publisher;

  MigrationLeader(FencingToken token, NameNodeConnection namenode, BlockTransfer transfer, RoutingTable routing,
      SiteLoadReader loads, CuratorFramework zk, ZnodePaths paths, JsonCodec codec, PlannerSettings plannerSettings,
      MoverSettings settings, MigrationCounters counters, Clock clock) {
    this.zk = zk;
    this.pausePath = paths.migratePaused();
    this.publisher = new PlanPublisher(new RecordStore<>(zk, MigrationPlanRecord.class, codec), paths.migratePlan());
    this.token = token;
    this.namenode = namenode;
    this.transfer = transfer;
    this.routing = routing;
    this.loads = loads;
    this.planner = new MigrationPlanner(plannerSettings);
    this.model = LoadModel.of(plannerSettings);
    this.settings = settings;
    this.judge = new MoveJudge(settings, token.epoch());
    this.counters = counters;
    this.pool = new TransferPool(Math.max(4, 2 * plannerSettings.maxConcurrentMoves()));
    this.clock = clock;
    this.tracker = HotTracker.start(plannerSettings);
  }

  /**
   * Connects to the NameNode and starts a term: the hosting agent leads with {@code token}.
   */
  public static MigrationLeader open(AgentContext context, FencingToken token, PlannerSettings plannerSettings,
      MoverSettings settings, MigrationCounters counters) throws IOException {
    NameNodeConnection namenode = NameNodeConnection.open(context.hadoopConf());
    return new MigrationLeader(token, namenode,
        new ReplaceBlockTransfer(namenode, MoverSettings.TRANSFER_READ_TIMEOUT_MS),
        new RoutingTable(context.zk(), context.paths(), context.codec()),
        new SiteLoadReader(context.zk(), context.paths().loads(),
            new RecordStore<>(context.zk(), LoadReport.class, context.codec())),
        context.zk(), context.paths(), context.codec(), plannerSettings, settings, counters, context.clock());
  }

  /**
   * Applies {@code tandem.migrate.bandwidth.mbps} to the DataNodes' balancing throttle, when it is set. The NameNode
   * passes the cap only to the DataNodes registered when it is set, so it is set again whenever a DataNode joins.
   */
  private void applyBandwidth(Set<String> live) throws IOException {
    if (settings.bandwidthBytesPerSec() > 0 && !throttled.containsAll(live)) {
      namenode.setBalancingBandwidth(settings.bandwidthBytesPerSec());
      throttled = new HashSet<>(live);
      LOG.info("Balancing bandwidth of {} DataNodes set to {} B/s for migration", live.size(),
          settings.bandwidthBytesPerSec());
    }
  }

  /**
   * One round. While migration is paused (the pause znode exists) moves under way still finish and the plan is
   * still made (for status), but no new move starts.
   */
  public void round() throws Exception {
    token.check();
    boolean planNewMoves = zk.checkExists().forPath(pausePath) == null;
    paused = !planNewMoves;
    long now = clock.millis();
    Map<String, DatanodeInfo> live = namenode.liveDataNodes();
    applyBandwidth(live.keySet());
    BlockListings listings = new BlockListings(namenode, live);
    List<Versioned<MigrationRecord>> table = routing.read();
    Map<Long, Versioned<MigrationRecord>> current = new LinkedHashMap<>();
    for (Versioned<MigrationRecord> v : table) {
      Versioned<MigrationRecord> after = advance(v, live, listings, now);
      current.put(after.value().blockId, after);
    }
    int activeNow = 0;
    for (Versioned<MigrationRecord> v : current.values()) {
      activeNow += v.value().isActive() ? 1 : 0;
    }
    active = activeNow;
    plan(now, live, listings, current, planNewMoves);
    prune(current.values(), now);
    counters.round();
  }

  private Versioned<MigrationRecord> advance(Versioned<MigrationRecord> v, Map<String, DatanodeInfo> live,
      BlockListings listings, long now) throws Exception {
    MigrationRecord r = v.value();
    if (!namenode.blockPoolId().equals(r.blockPool)) {
      return v;
    }
    MoveStep step;
    switch (r.state) {
      case PLANNED:
        step = judge.planned(r, listings.find(r), live.keySet(), now);
        break;
      case COPYING:
        if (pool.owns(r.blockId)) {
          Optional<TransferPool.Ended> ended = pool.takeEnded(r.blockId);
          if (!ended.isPresent()) {
            return v;
          }
          step = judge.copyEnded(r, ended.get().failure, listings.find(r), now);
        } else {
          step = judge.orphanedCopy(r, now);
        }
        break;
      case VERIFYING:
        step = judge.verifying(r, listings.find(r), now);
        break;
      default:
        return v;
    }
    return apply(v, step, live, listings);
  }

  private Versioned<MigrationRecord> apply(Versioned<MigrationRecord> v, MoveStep step,
      Map<String, DatanodeInfo> live, BlockListings listings) throws Exception {
    if (step.kind() == MoveStep.Kind.KEEP) {
      return v;
    }
    MigrationRecord next = step.next();
    Optional<Versioned<MigrationRecord>> written = routing.write(next, v.version(), token);
    if (!written.isPresent()) {
      return v;
    }
    if (step.isRestart()) {
      counters.restarted();
    }
    if (next.state == MigrationRecord.State.DONE) {
      counters.done(next.numBytes);
      LOG.info("Moved block {} ({} B) {} -> {} in {} attempt(s): {}", next.blockId, next.numBytes, next.source,
          next.target, next.attempts + 1, next.reason);
    } else if (next.state == MigrationRecord.State.FAILED) {
      counters.failed();
      LOG.warn("Move of block {} {} -> {} failed: {}", next.blockId, next.source, next.target, next.reason);
    } else if (step.isRestart()) {
      LOG.info("Move of block {} {} -> {} restarts (attempt {}): {}", next.blockId, next.source, next.target,
          next.attempts + 1, next.reason);
    }
    if (step.purgeTarget() && live.containsKey(next.target)) {
      try {
        namenode.requestFullBlockReport(live.get(next.target));
      } catch (IOException e) {
        LOG.warn("Could not ask target {} of block {} for a block report: {}", next.target, next.blockId,
            e.toString());
      }
    }
    if (step.kind() == MoveStep.Kind.COPY) {
      DatanodeInfo source = live.get(next.source);
      DatanodeInfo target = live.get(next.target);
      ListedBlock block = listings.find(next).orElse(null);
      StorageType type = block == null ? StorageType.DEFAULT : block.storageTypeOn(next.source);
      pool.start(next.blockId, () -> {
        long started = clock.millis();
        transfer.copy(next.blockId, next.generationStamp, next.numBytes, source, target, type);
        LOG.info("Copied block {}_{} ({} B) {} -> {} in {} ms", next.blockId, next.generationStamp, next.numBytes,
            next.source, next.target, clock.millis() - started);
      });
    }
    return written.get();
  }

  private void plan(long now, Map<String, DatanodeInfo> live, BlockListings listings,
      Map<Long, Versioned<MigrationRecord>> table, boolean planNewMoves) throws Exception {
    List<LoadReport> reports = PlanInputs.fresh(loads.readAll(), live.keySet(), now, settings.staleReportMs());
    Map<String, String> racks = new HashMap<>();
    live.forEach((uuid, dn) -> racks.put(uuid, dn.getNetworkLocation()));
    LoadScores scores = model.score(PlanInputs.nodeLoads(reports, racks));
    tracker = tracker.observe(scores);
    hotNodes = tracker.hotNodes();
    Map<Long, ListedBlock> blocks = new HashMap<>();
    for (LoadReport r : reports) {
      if (tracker.isHot(r.datanodeUuid)) {
        Map<Long, ListedBlock> onNode = listings.of(r.datanodeUuid);
        for (Long id : new HashSet<>(r.hotBlocks)) {
          ListedBlock b = onNode.get(id);
          if (b != null) {
            blocks.put(id, b);
          }
        }
      }
    }
    List<MigrationRecord> records = new ArrayList<>();
    table.values().forEach(v -> records.add(v.value()));
    ClusterView view = PlanInputs.view(scores, tracker, reports, racks, blocks.values(), records,
        InFlightMove.activeIn(records));
    Plan plan = planner.plan(view, now);
    lastPlan = plan;
    if (!planNewMoves) {
      publisher.publish(plan, List.of(), hotNodes, true, token, now);
      return;
    }
    List<PlannedMove> started = new ArrayList<>();
    for (PlannedMove m : plan.moves()) {
      Versioned<MigrationRecord> existing = table.get(m.blockId());
      if (existing != null && existing.value().isActive()) {
        continue;
      }
      ListedBlock b = blocks.get(m.blockId());
      MigrationRecord record = new MigrationRecord(MigrationRecord.FORMAT, namenode.blockPoolId(), m.blockId(),
          m.generationStamp(), m.source(), m.target(), MigrationRecord.State.PLANNED, 0, token.epoch(), now,
          m.reason(), b == null ? 0 : b.numBytes());
      Optional<Versioned<MigrationRecord>> written = routing.write(record,
          existing == null ? RecordStore.ABSENT : existing.version(), token);
      if (written.isPresent()) {
        counters.planned();
        active++;
        table.put(m.blockId(), written.get());
        started.add(m);
        LOG.info("Planned {}", m);
      }
    }
    // The dry run for tandem migrate plan: the same inputs with this round's moves under way, so what it shows is
    // what the next round would start if nothing changed, not what this one already did.
    List<MigrationRecord> after = new ArrayList<>();
    table.values().forEach(v -> after.add(v.value()));
    Plan next = planner.plan(PlanInputs.view(scores, tracker, reports, racks, blocks.values(), after,
        InFlightMove.activeIn(after)), now);
    publisher.publish(next, started, hotNodes, false, token, now);
  }

  /** Drops finished entries once the planner no longer needs them (past the block cooldown and failure backoff). */
  private void prune(Iterable<Versioned<MigrationRecord>> table, long now) throws Exception {
    long keepMs = Math.max(planner.settings().blockCooldownMs(), planner.settings().failureBackoffMs());
    for (Versioned<MigrationRecord> v : table) {
      if (!v.value().isActive() && now - v.value().updatedAtMs > keepMs) {
        routing.remove(v, token);
      }
    }
  }

  /** The last round's plan (what it would have started, and why others were left), or null before any. */
  public Plan lastPlan() {
    return lastPlan;
  }

  public Set<String> hotNodes() {
    return hotNodes;
  }

  /** Routing-table entries still under way at the last round. */
  public int activeMoves() {
    return active;
  }

  int copiesRunning() {
    return pool.running();
  }

  /** One line for status: moves under way, what this agent's mover did, the hot DataNodes. */
  public String summary() {
    return (paused ? "paused; " : "leading; ") + active + " move(s) in flight (" + pool.running() + " copying), "
        + counters.movesDone() + " done (" + counters.bytesMoved() + " B), " + counters.restarts() + " restart(s), "
        + counters.movesFailed() + " failed; hot " + hotNodes;
  }

  public boolean isPaused() {
    return paused;
  }

  @Override
  public void close() {
    pool.close();
    try {
      namenode.close();
    } catch (IOException e) {
      LOG.debug("closing the NameNode connection: {}", e.toString());
    }
  }
}
