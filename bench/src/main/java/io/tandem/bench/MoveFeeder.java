package io.tandem.bench;

import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.migrate.move.RoutingTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.LocatedBlock;

/**
 * Keeps a number of block moves under way for Tandem's mover: a move of a random block of the given files from one of
 * its DataNodes to one that does not hold it, put into the routing table as PLANNED, as the planner would; the site
 * leader copies, verifies and, when the block is written meanwhile, restarts it as it does any move. A finished
 * move's record is overwritten when its block is chosen again.
 */
final class MoveFeeder {
  private static final long TICK_MS = 200;

  private final DistributedFileSystem fs;
  private final List<Path> files;
  private final List<String> dataNodes;
  private final int inFlight;
  private final RoutingTable routing;
  private final Random random = new Random(11);
  private final AtomicLong planned = new AtomicLong();
  private final Periodic ticker;

  MoveFeeder(MigrateSite site, List<Path> files, int inFlight) throws Exception {
    this.fs = site.fs();
    this.files = List.copyOf(files);
    this.dataNodes = site.dataNodeUuids();
    this.inFlight = inFlight;
    this.routing = new RoutingTable(site.zooKeeper(), site.paths(), new JsonCodec());
    this.ticker = new Periodic("bench-move-feeder", TICK_MS, this::tick);
  }

  MoveFeeder start() {
    ticker.start();
    return this;
  }

  private void tick() throws Exception {
    Map<Long, Versioned<MigrationRecord>> table = new HashMap<>();
    int active = 0;
    for (Versioned<MigrationRecord> v : routing.read()) {
      table.put(v.value().blockId, v);
      active += v.value().isActive() ? 1 : 0;
    }
    if (active >= inFlight) {
      return;
    }
    List<LocatedBlock> candidates = new ArrayList<>();
    for (Path f : files) {
      for (LocatedBlock b : fs.getClient().getLocatedBlocks(f.toUri().getPath(), 0, Long.MAX_VALUE)
          .getLocatedBlocks()) {
        Versioned<MigrationRecord> r = table.get(b.getBlock().getBlockId());
        if (b.getLocations().length > 0 && (r == null || !r.value().isActive())) {
          candidates.add(b);
        }
      }
    }
    Collections.shuffle(candidates, random);
    for (LocatedBlock b : candidates) {
      if (active >= inFlight) {
        return;
      }
      Versioned<MigrationRecord> previous = table.get(b.getBlock().getBlockId());
      if (plan(b, previous == null ? RecordStore.ABSENT : previous.version())) {
        active++;
      }
    }
  }

  private boolean plan(LocatedBlock b, int expectedVersion) throws Exception {
    List<String> holders = new ArrayList<>();
    Arrays.stream(b.getLocations()).map(DatanodeInfo::getDatanodeUuid).forEach(holders::add);
    List<String> targets = new ArrayList<>(dataNodes);
    targets.removeAll(holders);
    if (targets.isEmpty()) {
      return false;
    }
    MigrationRecord r = new MigrationRecord(MigrationRecord.FORMAT, b.getBlock().getBlockPoolId(),
        b.getBlock().getBlockId(), b.getBlock().getGenerationStamp(), holders.get(random.nextInt(holders.size())),
        targets.get(random.nextInt(targets.size())), MigrationRecord.State.PLANNED, 0, 0, System.currentTimeMillis(),
        "planned by the migration bench", b.getBlock().getNumBytes());
    boolean written = routing.write(r, expectedVersion, Fence.NONE).isPresent();
    if (written) {
      planned.incrementAndGet();
    }
    return written;
  }

  /** Waits until no move in the routing table is under way, at most {@code timeoutMs}; returns whether none is. */
  boolean awaitNoMoves(long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (routing.read().stream().anyMatch(v -> v.value().isActive())) {
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      Thread.sleep(TICK_MS);
    }
    return true;
  }

  /** Stops planning (moves under way go on) and returns how many moves it planned. */
  long stop() throws InterruptedException {
    ticker.stop();
    return planned.get();
  }
}
