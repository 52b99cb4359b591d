package io.tandem.migrate.move;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * The site's routing table of block moves, {@code /<site>/migrations/<blockId>}: one record per block, written with
 * compare-and-set under the leader's fence so only the current leader changes it, read by anyone (status, CLI).
 */
public final class RoutingTable {
  private final RecordStore<MigrationRecord> store;
  private final ZnodePaths paths;

  public RoutingTable(CuratorFramework zk, ZnodePaths paths, JsonCodec codec) {
    this.store = new RecordStore<>(zk, MigrationRecord.class, codec);
    this.paths = paths;
  }

  /** Every record, by block id. */
  public List<Versioned<MigrationRecord>> read() throws Exception {
    return store.readChildren(paths.migrations());
  }

  public Optional<Versioned<MigrationRecord>> read(long blockId) throws Exception {
    return store.read(paths.migration(blockId));
  }

  /**
   * Writes {@code next} over the record at {@code expectedVersion} ({@link RecordStore#ABSENT} for a new one).
   *
   * @return the written record, or empty if someone changed it first
   */
  public Optional<Versioned<MigrationRecord>> write(MigrationRecord next, int expectedVersion, Fence fence)
      throws Exception {
    return store.compareAndSet(paths.migration(next.blockId), expectedVersion, next, fence);
  }

  public boolean remove(Versioned<MigrationRecord> record, Fence fence) throws Exception {
    return store.delete(record.path(), record.version(), fence);
  }
}
