package io.tandem.coord.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * Typed JSON records in znodes with compare-and-set updates. Every write runs in one ZooKeeper transaction with
 * its {@link Fence}'s checks, so a writer that lost its right to write fails atomically with
 * {@link FencedException}.
 */
public final class RecordStore<T extends StoredRecord> {
  /** Expected version meaning "the znode must not exist yet". */
  public static final int ABSENT = -1;

  private final CuratorFramework client;
  private final Class<T> type;
  private final JsonCodec codec;
  private final Set<String> knownParents = ConcurrentHashMap.newKeySet();

  public RecordStore(CuratorFramework client, Class<T> type, JsonCodec codec) {
    this.client = client;
    this.type = type;
    this.codec = codec;
  }

  /** The record at {@code path}, or empty if there is none. */
  public Optional<Versioned<T>> read(String path) throws Exception {
    Stat stat = new Stat();
    try {
      byte[] bytes = client.getData().storingStatIn(stat).forPath(path);
      return Optional.of(new Versioned<>(path, codec.decode(path, bytes, type), stat.getVersion()));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
  }

  /** All records directly under {@code parent}, sorted by name; children that vanish meanwhile are skipped. */
  public List<Versioned<T>> readChildren(String parent) throws Exception {
    List<String> names;
    try {
      names = new ArrayList<>(client.getChildren().forPath(parent));
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    }
    Collections.sort(names);
    List<Versioned<T>> out = new ArrayList<>(names.size());
    for (String name : names) {
      read(ZKPaths.makePath(parent, name)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Writes {@code value} if the znode is at {@code expectedVersion} ({@link #ABSENT} to create it, with
   * {@code mode}).
   *
   * @return the new versioned record, or empty if another writer got there first
   * @throws FencedException if the fence no longer holds
   */
  public Optional<Versioned<T>> compareAndSet(String path, int expectedVersion, T value, CreateMode mode, Fence fence)
      throws Exception {
    byte[] bytes = codec.encode(value);
    List<CuratorOp> ops = new ArrayList<>(fence.guards(client));
    int guardCount = ops.size();
    if (expectedVersion == ABSENT) {
      ensureParent(path);
      ops.add(client.transactionOp().create().withMode(mode).forPath(path, bytes));
    } else {
      ops.add(client.transactionOp().setData().withVersion(expectedVersion).forPath(path, bytes));
    }
    try {
      client.transaction().forOperations(ops);
      return Optional.of(new Versioned<>(path, value, expectedVersion == ABSENT ? 0 : expectedVersion + 1));
    } catch (KeeperException e) {
      int failed = failedOp(e);
      if (failed >= 0 && failed < guardCount) {
        throw new FencedException("write to " + path + " refused: " + fence + " no longer holds");
      }
      if (e.code() == KeeperException.Code.BADVERSION || e.code() == KeeperException.Code.NODEEXISTS
          || e.code() == KeeperException.Code.NONODE) {
        if (e.code() == KeeperException.Code.NONODE && expectedVersion == ABSENT) {
          knownParents.remove(ZKPaths.getPathAndNode(path).getPath());
        }
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Persistent {@link #compareAndSet}. */
  public Optional<Versioned<T>> compareAndSet(String path, int expectedVersion, T value, Fence fence) throws Exception {
    return compareAndSet(path, expectedVersion, value, CreateMode.PERSISTENT, fence);
  }

  /**
   * Read-modify-write until it wins: {@code change} receives the current value (null if absent) and returns the
   * new one, or null to leave the record as it is.
   *
   * @return the record as written, or as it stands when {@code change} declined
   */
  public Optional<Versioned<T>> update(String path, UnaryOperator<T> change, Fence fence) throws Exception {
    while (true) {
      Optional<Versioned<T>> current = read(path);
      T next = change.apply(current.map(Versioned::value).orElse(null));
      if (next == null) {
        return current;
      }
      int expected = current.map(Versioned::version).orElse(ABSENT);
      Optional<Versioned<T>> written = compareAndSet(path, expected, next, fence);
      if (written.isPresent()) {
        return written;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while updating " + path);
      }
    }
  }

  /**
   * Deletes the record if it is at {@code expectedVersion}.
   *
   * @return false if it was already gone or had changed
   */
  public boolean delete(String path, int expectedVersion, Fence fence) throws Exception {
    List<CuratorOp> ops = new ArrayList<>(fence.guards(client));
    int guardCount = ops.size();
    ops.add(client.transactionOp().delete().withVersion(expectedVersion).forPath(path));
    try {
      client.transaction().forOperations(ops);
      return true;
    } catch (KeeperException e) {
      int failed = failedOp(e);
      if (failed >= 0 && failed < guardCount) {
        throw new FencedException("delete of " + path + " refused: " + fence + " no longer holds");
      }
      if (e.code() == KeeperException.Code.BADVERSION || e.code() == KeeperException.Code.NONODE) {
        return false;
      }
      throw e;
    }
  }

  private void ensureParent(String path) throws Exception {
    String parent = ZKPaths.getPathAndNode(path).getPath();
    if (parent.equals("/") || knownParents.contains(parent)) {
      return;
    }
    try {
      client.create().creatingParentsIfNeeded().forPath(parent);
    } catch (KeeperException.NodeExistsException e) {
      // Already there: what we wanted.
    }
    knownParents.add(parent);
  }

  /** Index of the operation that failed in a multi, or -1 when the exception does not say. */
  private static int failedOp(KeeperException e) {
    List<OpResult> results = e.getResults();
    if (results == null) {
      return -1;
    }
    for (int i = 0; i < results.size(); i++) {
      OpResult r = results.get(i);
      if (r instanceof OpResult.ErrorResult) {
        int err = ((OpResult.ErrorResult) r).getErr();
        if (err != KeeperException.Code.OK.intValue() && err != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
          return i;
        }
      }
    }
    return -1;
  }
}
