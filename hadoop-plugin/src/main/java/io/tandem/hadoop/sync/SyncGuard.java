package io.tandem.hadoop.sync;

import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.SyncSettings;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.TandemKeys;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.log.LogEvery;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncClient;
import io.tandem.mirror.sync.SyncOutcome;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a client's changes on sync volumes until the peer acknowledged them: after each change the client asks its
 * site's agent to wait for the peer, and applies the volume's {@code sync.on-link-down} when the agent cannot
 * vouch for it ({@code fail}: throw; {@code degrade}: return, with a warning, while the async path carries the
 * change). Paths outside sync volumes pass straight through.
 */
public final class SyncGuard implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncGuard.class);
  /** Degraded writes are logged at most this often per client, with the count in between: loud, not a flood. */
  private static final long DEGRADED_LOG_EVERY_MS = 10_000;

  /** The guard of a client with no sync volume (or of a FileSystem on another cluster): holds nothing. */
  public static final SyncGuard NONE = new SyncGuard(null, null, 0);

  private final SyncVolumes volumes;
  private final SyncClient client;
  private final long timeoutMs;
  private final AtomicLong degraded = new AtomicLong();
  private final LogEvery degradedLog = new LogEvery(DEGRADED_LOG_EVERY_MS);

  SyncGuard(SyncVolumes volumes, SyncClient client, long timeoutMs) {
    this.volumes = volumes;
    this.client = client;
    this.timeoutMs = timeoutMs;
  }

  /**
   * The guard for a FileSystem at {@code fsUri}: {@link #NONE} unless it is this site's file system ({@link #home})
   * and a volume is declared {@code mirror=sync}.
   *
   * @throws IOException naming what is wrong when the Tandem configuration is not valid, or sync volumes are
   *     declared with no agent address to ask
   */
  public static SyncGuard create(URI fsUri, Configuration conf) throws IOException {
    URI home = home(conf);
    if (!sameFileSystem(home, fsUri)) {
      // A client of another cluster (the peer site, say): that site's agents are not ours to ask. Said, not
      // silent: a sync volume written through such a file system is not held.
      if (!conf.getTrimmedStringCollection(TandemKeys.VOLUMES.template()).isEmpty()) {
        LOG.info("TandemFileSystem for {} is not this site's file system {} ({}): calls through it do not wait for"
            + " the peer, even on sync volumes{}", fsUri, home, conf.getTrimmed(TandemKeys.SYNC_FILESYSTEM.template())
            == null ? "fs.defaultFS" : TandemKeys.SYNC_FILESYSTEM.template(), "hdfs".equalsIgnoreCase(home.getScheme())
            ? "" : "; where fs.defaultFS is " + home.getScheme() + "://, set " + TandemKeys.SYNC_FILESYSTEM.template()
            + " to this site's hdfs:// URI");
      }
      return NONE;
    }
    TandemConfig config;
    SyncSettings sync;
    try {
      config = TandemConfig.parse(conf);
      sync = SyncSettings.from(conf);
    } catch (ConfigException e) {
      throw new IOException("TandemFileSystem cannot start: " + e.getMessage(), e);
    }
    SyncVolumes volumes = SyncVolumes.of(config.volumes().values());
    if (volumes.isEmpty()) {
      return NONE;
    }
    if (sync.agents().isEmpty()) {
      throw new IOException("TandemFileSystem cannot start: volume(s) " + names(volumes) + " are sync, but no agent"
          + " address is set: set tandem.sync.agents (or tandem.link.listen.address) to this site's agent(s)");
    }
    LinkAuthenticator auth = LinkAuthenticator.fromConfiguration(conf, ZkSettings.CLIENT_SITE_ID);
    LinkTls tls = LinkTls.fromConfiguration(conf, config.link().tlsEnabled(), false);
    SyncClient client = new SyncClient(sync.agents(), config.siteId(), auth, tls,
        config.link().heartbeatTimeoutMs() * 2, config.link().heartbeatIntervalMs());
    LOG.debug("Sync volumes {} wait for the peer through agent(s) {}", names(volumes), sync.agents());
    return new SyncGuard(volumes, client, sync.timeoutMs());
  }

  /**
   * The file system whose sync volumes the configuration describes: {@code tandem.sync.filesystem}, else
   * {@code fs.defaultFS}.
   *
   * @throws IOException when {@code tandem.sync.filesystem} is not an hdfs:// URI with a host
   */
  static URI home(Configuration conf) throws IOException {
    String set = conf.getTrimmed(TandemKeys.SYNC_FILESYSTEM.template());
    if (set == null || set.isEmpty()) {
      return FileSystem.getDefaultUri(conf);
    }
    URI uri;
    try {
      uri = new URI(set);
    } catch (java.net.URISyntaxException e) {
      throw new IOException("TandemFileSystem cannot start: " + TandemKeys.SYNC_FILESYSTEM.template() + " '" + set
          + "' is not a URI: " + e.getMessage(), e);
    }
    if (!"hdfs".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IOException("TandemFileSystem cannot start: " + TandemKeys.SYNC_FILESYSTEM.template() + " '" + set
          + "' is not an hdfs:// URI naming a NameNode or nameservice (hdfs://ns1, hdfs://nn:8020)");
    }
    return uri;
  }

  /**
   * Whether {@code fs} names the file system {@code home} does: scheme and host compared without case, and no port
   * the same as the NameNode's default RPC port (hdfs://nn and hdfs://NN:8020 are one cluster).
   */
  static boolean sameFileSystem(URI home, URI fs) {
    if (home.getScheme() == null || fs.getScheme() == null || !home.getScheme().equalsIgnoreCase(fs.getScheme())) {
      return false;
    }
    if (home.getHost() == null || fs.getHost() == null) {
      return Objects.equals(home.getAuthority(), fs.getAuthority()); // not host[:port]: compared as they are
    }
    return home.getHost().equalsIgnoreCase(fs.getHost()) && port(home) == port(fs);
  }

  private static int port(URI u) {
    return u.getPort() < 0 ? HdfsClientConfigKeys.DFS_NAMENODE_RPC_PORT_DEFAULT : u.getPort();
  }

  private static String names(SyncVolumes volumes) {
    StringBuilder b = new StringBuilder();
    for (VolumeSettings v : volumes.volumes()) {
      b.append(b.length() == 0 ? "" : ",").append(v.name());
    }
    return b.toString();
  }

  /** The sync volumes' roots; empty when nothing is held. */
  public List<String> volumeRoots() {
    return active() ? volumes.roots() : List.of();
  }

  /** True when some path is held to sync at all. */
  public boolean active() {
    return client != null;
  }

  /** True when {@code absolutePath} lies in a sync volume. */
  public boolean covers(String absolutePath) {
    return active() && !volumes.changedAt(absolutePath).isEmpty();
  }

  /**
   * After a namespace change (or a close) touching {@code absolutePaths}: waits until the peer holds every change
   * of their sync volumes up to now.
   */
  public void afterChange(String op, String... absolutePaths) throws IOException {
    awaitVolumesOf(op, absolutePaths, p -> volumes.changedAt(p)); // a lambda: volumes is null in NONE
  }

  /**
   * After a rename or delete of {@code absolutePaths}: as {@link #afterChange}, and for a directory above a sync
   * volume's root too, which takes the whole volume along.
   */
  public void afterSubtreeChange(String op, String... absolutePaths) throws IOException {
    awaitVolumesOf(op, absolutePaths, p -> volumes.changedBySubtree(p));
  }

  private void awaitVolumesOf(String op, String[] absolutePaths,
      Function<String, List<SyncVolumes.Target>> changed) throws IOException {
    if (!active()) {
      return;
    }
    Map<String, SyncVolumes.Target> byVolume = new LinkedHashMap<>();
    for (String p : absolutePaths) {
      changed.apply(p).forEach(t -> byVolume.putIfAbsent(t.volume().name(), t));
    }
    for (SyncVolumes.Target t : byVolume.values()) {
      await(t, new SyncBarrier(t.volume().name(), "", SyncBarrier.NO_LENGTH, timeoutMs), op, absolutePaths[0]);
    }
  }

  /**
   * After an hflush or hsync of a file kept open, opened as {@code absolutePath} and with inode id {@code fileId}
   * ({@link SyncBarrier#NO_FILE_ID} if unknown): waits until the peer holds {@code length} bytes of it, under
   * whatever name it has now.
   */
  public void afterFlush(String op, String absolutePath, long length, long fileId) throws IOException {
    if (!active()) {
      return;
    }
    for (SyncVolumes.Target t : volumes.changedAt(absolutePath)) {
      await(t, new SyncBarrier(t.volume().name(), t.relative(), length, timeoutMs, fileId), op, absolutePath);
    }
  }

  private void await(SyncVolumes.Target t, SyncBarrier barrier, String op, String path) throws IOException {
    SyncOutcome outcome;
    try {
      outcome = client.await(barrier);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the peer to acknowledge " + op + " " + path);
    } catch (IOException e) {
      outcome = new SyncOutcome(SyncOutcome.Status.LINK_DOWN, e.getMessage());
    } catch (RuntimeException e) {
      // An answer this client cannot read (an agent of another version, say): the change is not acknowledged.
      outcome = new SyncOutcome(SyncOutcome.Status.LINK_DOWN, "unreadable answer from the agent: " + e);
    }
    if (outcome.acknowledged()) {
      return;
    }
    VolumeSettings v = t.volume();
    String what = op + " " + path + " on sync volume " + v.name() + " is stored on this site but NOT acknowledged by "
        + v.peer() + " (" + outcome + ")";
    if (v.syncOnLinkDown() == VolumeSettings.LinkDownPolicy.FAIL) {
      throw new SyncNotAcknowledgedException(what + "; it reaches " + v.peer() + " asynchronously (once the link is"
          + " back, if it is down) (tandem.volume." + v.name() + ".sync.on-link-down=fail)");
    }
    degraded.incrementAndGet();
    long sinceLogged = degradedLog.occurred(System.currentTimeMillis());
    if (sinceLogged > 0) {
      LOG.warn("SYNC DEGRADED to async: {}; it goes through the async path (tandem.volume.{}.sync.on-link-down=degrade)."
          + " {} write(s) degraded since the last such warning", what, v.name(), sinceLogged);
    }
  }

  /** Writes this client let through without the peer's acknowledgement (degrade). */
  public long degradedWrites() {
    return degraded.get();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
