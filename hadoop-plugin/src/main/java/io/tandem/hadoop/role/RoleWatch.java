package io.tandem.hadoop.role;

import io.tandem.coord.WedgedSessionWatchdog;
import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.store.JsonCodec;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This site's volume roles as ZooKeeper holds them ({@code /<site>/volumes/<v>/role}), kept current by a watch, for
 * the NameNode's access checks. Until a volume's record is read its role is the configured one; while ZooKeeper is
 * unreachable the last role read stays in force (a REPLICA stays read-only). Thread-safe reads.
 */
public final class RoleWatch implements Closeable, RoleLookup {
  private static final Logger LOG = LoggerFactory.getLogger(RoleWatch.class);

  /** Lifecycle. */
  private enum State { LATENT, STARTED, CLOSED }

  private final TandemConfig config;
  private final JsonCodec codec = new JsonCodec();
  private final Map<String, VolumeRole.Role> roles = new ConcurrentHashMap<>();
  private final Map<String, Long> epochs = new ConcurrentHashMap<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final List<CuratorCache> caches = new ArrayList<>();
  private CuratorFramework zk;
  private WedgedSessionWatchdog.Watch watchdog;

  public RoleWatch(TandemConfig config) {
    this.config = config;
    for (VolumeSettings v : config.volumes().values()) {
      if (v.replicated()) {
        roles.put(v.name(), config.siteId().equals(v.primary()) ? VolumeRole.Role.PRIMARY : VolumeRole.Role.REPLICA);
      }
    }
  }

  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("role watch cannot start: it is " + state.get());
    }
    zk = ZkClients.newClient(config.zk());
    zk.start();
    watchdog = WedgedSessionWatchdog.watch(zk, config.zk().sessionTimeoutMs(), "roles-" + config.siteId());
    ZnodePaths paths = new ZnodePaths(config.siteId());
    for (String volume : roles.keySet()) {
      String path = paths.volumeRole(volume);
      CuratorCache cache = CuratorCache.build(zk, path);
      cache.listenable().addListener(CuratorCacheListener.builder()
          .forCreatesAndChanges((before, now) -> update(volume, now))
          .forInitialized(() -> LOG.debug("role watch of {} initialised", volume))
          .build());
      cache.start();
      caches.add(cache);
    }
  }

  private void update(String volume, ChildData data) {
    if (state.get() != State.STARTED || data == null || data.getData() == null) {
      return;
    }
    try {
      VolumeRole r = codec.decode(data.getPath(), data.getData(), VolumeRole.class);
      VolumeRole.Role before = roles.put(volume, r.role);
      epochs.put(volume, r.epoch);
      if (before != r.role) {
        LOG.info("Volume {} is {} on this site at epoch {}: client writes are {}", volume, r.role, r.epoch,
            r.role == VolumeRole.Role.REPLICA ? "refused" : "allowed");
      }
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an unreadable role record of volume {}: {}", volume, e.getMessage());
    }
  }

  @Override
  public VolumeRole.Role role(String volume) {
    return roles.get(volume);
  }

  @Override
  public long epoch(String volume) {
    return epochs.getOrDefault(volume, 0L);
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) != State.STARTED) {
      return;
    }
    caches.forEach(CuratorCache::close);
    watchdog.close();
    zk.close();
  }
}
