package io.tandem.mirror.role;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.store.Fence;
import io.tandem.coord.store.JsonCodec;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import io.tandem.mirror.apply.VolumeGate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles of this site's volumes, kept in ZooKeeper with their epoch ({@code /<site>/volumes/<v>/role}). A
 * volume's first role comes from {@code tandem.volume.<v>.primary}; after that ZooKeeper is the truth (role changes
 * raise the epoch). As a {@link VolumeGate} it lets the receiver accept changes only for REPLICA volumes and only
 * at an epoch not older than its own.
 */
public final class VolumeRoles implements VolumeGate {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeRoles.class);

  private final RecordStore<VolumeRole> store;
  private final ZnodePaths paths;
  private final String siteId;
  private final Map<String, VolumeRole> cached = new ConcurrentHashMap<>();

  public VolumeRoles(CuratorFramework zk, ZnodePaths paths, JsonCodec codec, String siteId) {
    this.store = new RecordStore<>(zk, VolumeRole.class, codec);
    this.paths = paths;
    this.siteId = siteId;
  }

  /** Creates missing role records from the configuration (as the leader) and loads them all. */
  public void initialize(Collection<VolumeSettings> volumes, Fence fence, long nowMs) throws Exception {
    for (VolumeSettings v : volumes) {
      if (!v.replicated()) {
        continue;
      }
      VolumeRole.Role initial = siteId.equals(v.primary()) ? VolumeRole.Role.PRIMARY : VolumeRole.Role.REPLICA;
      Optional<Versioned<VolumeRole>> r = store.update(paths.volumeRole(v.name()),
          cur -> cur != null ? null : new VolumeRole(VolumeRole.FORMAT, v.name(), initial, VolumeRole.FIRST_EPOCH, nowMs,
              "configuration"),
          fence);
      r.ifPresent(x -> {
        cached.put(v.name(), x.value());
        LOG.info("Volume {} is {} here at epoch {}", v.name(), x.value().role, x.value().epoch);
      });
    }
  }

  /**
   * Re-reads every cached role from ZooKeeper (another agent or the CLI may have changed one).
   *
   * @return true when some volume changed role (PRIMARY to REPLICA or back) since the last read
   */
  public boolean refresh() throws Exception {
    boolean flipped = false;
    for (String v : cached.keySet()) {
      Optional<Versioned<VolumeRole>> now = store.read(paths.volumeRole(v));
      if (now.isPresent()) {
        VolumeRole before = cached.put(v, now.get().value());
        if (before != null && before.role != now.get().value().role) {
          LOG.info("Volume {} is now {} here at epoch {} (was {} at epoch {})", v, now.get().value().role,
              now.get().value().epoch, before.role, before.epoch);
          flipped = true;
        }
      }
    }
    return flipped;
  }

  public Optional<VolumeRole> role(String volume) {
    return Optional.ofNullable(cached.get(volume));
  }

  /** The volume's epoch here, 0 if unknown. */
  public long epoch(String volume) {
    VolumeRole r = cached.get(volume);
    return r == null ? 0 : r.epoch;
  }

  /** The volume's role here, or null when it has none (it lives on this site alone, or is not loaded yet). */
  public VolumeRole.Role roleOf(String volume) {
    VolumeRole r = cached.get(volume);
    return r == null ? null : r.role;
  }

  public boolean isPrimary(String volume) {
    VolumeRole r = cached.get(volume);
    return r != null && r.role == VolumeRole.Role.PRIMARY;
  }

  @Override
  public Optional<String> refusal(String volume, long epoch) {
    VolumeRole r = cached.get(volume);
    if (r == null) {
      return Optional.of("volume " + volume + " has no role on " + siteId + " yet");
    }
    if (r.role != VolumeRole.Role.REPLICA) {
      return Optional.of("volume " + volume + " is " + r.role + " on " + siteId + " at epoch " + r.epoch
          + "; it accepts no mirrored changes");
    }
    if (epoch < r.epoch) {
      return Optional.of("volume " + volume + " is at epoch " + r.epoch + " on " + siteId + "; a change from epoch "
          + epoch + " comes from a deposed primary");
    }
    return Optional.empty();
  }
}
