package io.tandem.hadoop.datanode;

import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.MigrateSettings;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.member.EphemeralMember;
import io.tandem.coord.record.DataNodeRecord;
import io.tandem.coord.store.JsonCodec;
import io.tandem.migrate.load.LoadMonitor;
import java.io.Closeable;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataNode's presence in its site: waits for the DataNode's UUID (null until its first handshake with the
 * NameNode), then keeps an ephemeral record under {@code /<site>/datanodes/<uuid>} and, with
 * {@code tandem.migrate.enabled}, starts the DataNode's {@link LoadMonitor} on the same ZooKeeper session. Failures
 * are reported, never thrown into the DataNode.
 */
public final class DataNodeMonitor implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(DataNodeMonitor.class);

  /** What the monitor is doing. */
  public enum State { LATENT, WAITING_FOR_UUID, REGISTERED, FAILED, CLOSED }

  /** What the monitor needs to know of its DataNode; read lazily because it is only known after the handshake. */
  public interface DataNodeIdentity {
    /** The DataNode's UUID, or null before its first handshake with the NameNode. */
    String uuid();

    String host();

    String xferAddress();

    int ipcPort();

    int infoPort();
  }

  /** Builds the DataNode's load monitor, not yet started, once its UUID is known. */
  public interface LoadMonitorFactory {
    LoadMonitor create(String uuid, CuratorFramework zk, ZnodePaths paths, MigrateSettings settings);
  }

  private final Configuration conf;
  private final DataNodeIdentity identity;
  private final LoadMonitorFactory loadMonitors;
  private final Clock clock;
  private final long pollMs;
  private final JsonCodec codec = new JsonCodec();
  private final ScheduledExecutorService thread;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private volatile String lastError;
  private volatile String uuid;
  private volatile CuratorFramework zk;
  private volatile EphemeralMember<DataNodeRecord> member;
  private volatile LoadMonitor loadMonitor;
  private MigrateSettings migrate;
  private boolean loadMonitorTried;
  private String siteId;
  private long startedAtMs;

  public DataNodeMonitor(Configuration conf, DataNodeIdentity identity, LoadMonitorFactory loadMonitors, Clock clock,
      long pollMs) {
    this.conf = new Configuration(conf);
    this.identity = identity;
    this.loadMonitors = loadMonitors;
    this.clock = clock;
    this.pollMs = pollMs;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-datanode-monitor");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    if (!state.compareAndSet(State.LATENT, State.WAITING_FOR_UUID)) {
      throw new IllegalStateException("DataNode monitor cannot start: it is " + state.get());
    }
    startedAtMs = clock.millis();
    thread.execute(this::init);
  }

  private void init() {
    ZkSettings zkSettings;
    try {
      TandemConfig config = TandemConfig.parse(conf);
      zkSettings = config.zk();
      migrate = config.migrate();
    } catch (ConfigException e) {
      lastError = "invalid configuration: " + e.getMessage();
      state.set(State.FAILED);
      LOG.error("Tandem DataNode monitor FAILED, the DataNode is unaffected: {}", lastError);
      try {
        zkSettings = ZkSettings.parse(conf);
      } catch (ConfigException zkProblem) {
        return;
      }
    }
    siteId = zkSettings.siteId();
    CuratorFramework client = ZkClients.newClient(zkSettings);
    client.start();
    zk = client;
    thread.scheduleWithFixedDelay(this::registerOnceUuidKnown, 0, pollMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Polls until the DataNode knows its UUID, then registers and starts the load monitor; the UUID never changes
   * afterwards.
   */
  private void registerOnceUuidKnown() {
    if (member == null) {
      register();
    }
    if (member != null) {
      startLoadMonitorOnce();
    }
  }

  private void register() {
    try {
      String id = identity.uuid();
      if (id == null) {
        return;
      }
      uuid = id;
      EphemeralMember<DataNodeRecord> m = new EphemeralMember<>(zk, new ZnodePaths(siteId).datanode(id), record(), codec);
      m.start();
      member = m;
      state.compareAndSet(State.WAITING_FOR_UUID, State.REGISTERED);
      LOG.info("Tandem DataNode monitor registered DataNode {} in site {}", id, siteId);
    } catch (RuntimeException e) {
      lastError = "registration failed: " + e;
      LOG.warn("Tandem DataNode monitor could not register yet; retrying", e);
    }
  }

  /**
   * Starts the load monitor when migration is on (and the configuration valid). Tried once: building it does no I/O,
   * so a failure is a bug or a broken classpath that retrying would only repeat; it is shown as the last error.
   */
  private void startLoadMonitorOnce() {
    if (loadMonitorTried || migrate == null || !migrate.enabled()) {
      return;
    }
    loadMonitorTried = true;
    LoadMonitor m = null;
    try {
      m = loadMonitors.create(uuid, zk, new ZnodePaths(siteId), migrate);
      m.start();
      loadMonitor = m;
    } catch (RuntimeException | LinkageError e) {
      if (m != null) {
        m.close();
      }
      lastError = "load monitor failed to start: " + e;
      LOG.error("Tandem load monitor of DataNode {} failed to start; the DataNode and its registration are unaffected",
          uuid, e);
    }
  }

  private DataNodeRecord record() {
    return new DataNodeRecord(DataNodeRecord.FORMAT, uuid, siteId, identity.host(), identity.xferAddress(),
        identity.ipcPort(), identity.infoPort(), startedAtMs, state.get() == State.FAILED ? "FAILED" : "RUNNING",
        lastError);
  }

  public State state() {
    return state.get();
  }

  /** The DataNode's UUID once known, else null. */
  public String uuid() {
    return uuid;
  }

  public String lastError() {
    return lastError;
  }

  /** The DataNode's load monitor, or null while it is not running (migration off, UUID unknown, failed). */
  public LoadMonitor loadMonitor() {
    return loadMonitor;
  }

  /** The ZooKeeper client, once connected to the site (for capabilities that hang off the monitor). */
  public Supplier<CuratorFramework> zk() {
    return () -> zk;
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (loadMonitor != null) {
      loadMonitor.close();
    }
    if (member != null) {
      member.close();
    }
    if (zk != null) {
      zk.close();
    }
  }
}
