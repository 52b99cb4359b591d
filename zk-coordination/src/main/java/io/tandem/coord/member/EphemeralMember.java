package io.tandem.coord.member;

import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.StoredRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an ephemeral znode holding a record for as long as this member is open: it is created once ZooKeeper is
 * reachable, re-created after a session expires, and vanishes when the member closes or its process dies. Built on
 * Curator's {@link PersistentNode}.
 */
public final class EphemeralMember<T extends StoredRecord> implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EphemeralMember.class);

  /** Lifecycle. */
  public enum State { LATENT, STARTED, CLOSED }

  private final String path;
  private final JsonCodec codec;
  private final PersistentNode node;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicReference<T> latest;

  public EphemeralMember(CuratorFramework client, String path, T initial, JsonCodec codec) {
    this.path = path;
    this.codec = codec;
    this.latest = new AtomicReference<>(initial);
    this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, codec.encode(initial));
    // An update made before the first create was processed is written as soon as the node exists.
    this.node.getListenable().addListener(createdPath -> publish());
  }

  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("member " + path + " cannot start: it is " + state.get());
    }
    node.start();
  }

  /** Replaces the record. Safe to call before the znode exists; the latest record always wins. */
  public void update(T record) {
    latest.set(record);
    if (state.get() == State.STARTED) {
      publish();
    }
  }

  private void publish() {
    if (state.get() != State.STARTED || node.getActualPath() == null) {
      return;
    }
    try {
      node.setData(codec.encode(latest.get()));
    } catch (Exception e) {
      LOG.debug("record at {} not updated yet ({}); it will be on re-create", path, e.toString());
    }
  }

  /** Waits until the znode exists. */
  public boolean awaitCreated(long timeout, TimeUnit unit) throws InterruptedException {
    return node.waitForInitialCreate(timeout, unit);
  }

  /** True once the znode exists (Curator re-creates it after a session expires). */
  public boolean isRegistered() {
    return state.get() == State.STARTED && node.getActualPath() != null;
  }

  public T current() {
    return latest.get();
  }

  public String path() {
    return path;
  }

  @Override
  public void close() {
    if (state.compareAndSet(State.STARTED, State.CLOSED)) {
      try {
        node.close();
      } catch (IOException e) {
        LOG.warn("member {} not removed cleanly: {} (the session's end removes it)", path, e.toString());
      }
    } else {
      state.set(State.CLOSED);
    }
  }
}
