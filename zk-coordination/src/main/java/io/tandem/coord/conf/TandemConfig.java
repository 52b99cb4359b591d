package io.tandem.coord.conf;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code tandem.*} setting, parsed and validated in one pass at start. Invalid values make {@link #parse}
 * throw one {@link ConfigException} listing each problem (key, value, what is allowed); unknown keys produce
 * warnings naming the closest known key. Immutable.
 */
public final class TandemConfig {
  private static final Logger LOG = LoggerFactory.getLogger(TandemConfig.class);
  static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  static final Pattern HDFS_PATH = Pattern.compile("/|(/[^/]+)+");
  static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final ZkSettings zk;
  private final String agentId;
  private final LinkSettings link;
  private final Map<String, VolumeSettings> volumes;
  private final MigrateSettings migrate;
  private final MirrorSettings mirror;
  private final ShipSettings ship;
  private final boolean failoverAuto;
  private final List<String> warnings;

  private TandemConfig(ZkSettings zk, String agentId, LinkSettings link, Map<String, VolumeSettings> volumes,
      MigrateSettings migrate, MirrorSettings mirror, ShipSettings ship, boolean failoverAuto, List<String> warnings) {
    this.zk = zk;
    this.agentId = agentId;
    this.link = link;
    this.volumes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
    this.migrate = migrate;
    this.mirror = mirror;
    this.ship = ship;
    this.failoverAuto = failoverAuto;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Parses and validates every {@code tandem.*} key, logging a warning for each unknown one.
   *
   * @throws ConfigException listing every invalid or missing setting
   */
  public static TandemConfig parse(Configuration conf) {
    SettingsReader r = new SettingsReader(conf);
    ZkSettings zk = ZkSettings.read(r);
    String agentId = r.matching(TandemKeys.AGENT_ID, "", AGENT_ID);
    LinkSettings link = readLink(r);
    Map<String, VolumeSettings> volumes = readVolumes(r, zk.siteId(), link);
    MigrateSettings migrate = readMigrate(r);
    MirrorSettings mirror = MirrorSettings.read(r);
    ShipSettings ship = ShipSettings.read(r);
    boolean failoverAuto = r.bool(TandemKeys.FAILOVER_AUTO, "");
    SyncSettings.read(r); // checked here too, so an agent refuses at start what its clients would refuse
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    List<String> warnings = unknownKeyWarnings(conf, volumes.keySet(), link.peers());
    for (String w : warnings) {
      LOG.warn(w);
    }
    return new TandemConfig(zk, agentId, link, volumes, migrate, mirror, ship, failoverAuto, warnings);
  }

  private static MigrateSettings readMigrate(SettingsReader r) {
    boolean enabled = r.bool(TandemKeys.MIGRATE_ENABLED, "");
    long intervalMs = r.longIn(TandemKeys.LOAD_REPORT_INTERVAL_MS, "", 100, 3_600_000);
    int hotBlocks = r.intIn(TandemKeys.LOAD_HOT_BLOCKS, "", 0, 64);
    double serverWeight = r.doubleIn(TandemKeys.MIGRATE_WEIGHT_SERVER, "", 0, false, 100);
    double storageWeight = r.doubleIn(TandemKeys.MIGRATE_WEIGHT_STORAGE, "", 0, false, 100);
    if (serverWeight == 0 && storageWeight == 0) {
      r.problem(TandemKeys.MIGRATE_WEIGHT_STORAGE.template(), "0",
          "a weight greater than 0 when tandem.migrate.weight.server is 0 too: a load score needs some weight");
    }
    return new MigrateSettings(enabled, intervalMs, hotBlocks, serverWeight, storageWeight,
        r.doubleIn(TandemKeys.MIGRATE_THRESHOLD, "", 0, true, 10),
        r.intIn(TandemKeys.MIGRATE_SUSTAIN_REPORTS, "", 1, 1000),
        r.intIn(TandemKeys.MIGRATE_MAX_CONCURRENT_MOVES, "", 1, 100),
        r.doubleIn(TandemKeys.MIGRATE_BANDWIDTH_MBPS, "", 0, false, 1_000_000));
  }

  private static LinkSettings readLink(SettingsReader r) {
    InetSocketAddress listen = r.hostPort(TandemKeys.LINK_LISTEN_ADDRESS, "");
    List<String> peers = r.names(TandemKeys.LINK_PEERS, ZkSettings.SITE_ID);
    Map<String, List<InetSocketAddress>> peerAddresses = new HashMap<>();
    Map<String, String> peerQuorums = new HashMap<>();
    for (String peer : peers) {
      List<InetSocketAddress> a = r.hostPorts(TandemKeys.LINK_PEER_ADDRESS, peer);
      if (!a.isEmpty()) {
        peerAddresses.put(peer, a);
      }
      String q = r.raw(TandemKeys.LINK_PEER_ZK_QUORUM.forName(peer));
      if (q != null) {
        peerQuorums.put(peer, q);
      }
    }
    int connections = r.intIn(TandemKeys.LINK_CONNECTIONS, "", 1, 64);
    long interval = r.longIn(TandemKeys.LINK_HEARTBEAT_INTERVAL_MS, "", 10, 60_000);
    long timeout = r.longIn(TandemKeys.LINK_HEARTBEAT_TIMEOUT_MS, "", 50, 600_000);
    if (timeout <= interval) {
      r.problem(TandemKeys.LINK_HEARTBEAT_TIMEOUT_MS.template(), Long.toString(timeout),
          "a value greater than tandem.link.heartbeat.interval.ms (" + interval + ")");
    }
    long probation = r.longIn(TandemKeys.LINK_PROBATION_MS, "", 0, 3_600_000);
    LinkSettings.Auth auth = r.choice(TandemKeys.LINK_AUTH, "", LinkSettings.Auth.class);
    String secret = r.password(TandemKeys.LINK_SECRET);
    boolean tls = r.bool(TandemKeys.LINK_TLS_ENABLED, "");
    return new LinkSettings(listen, peers, peerAddresses, peerQuorums, connections, interval, timeout, probation,
        auth, auth == LinkSettings.Auth.NONE ? null : secret, tls);
  }

  private static Map<String, VolumeSettings> readVolumes(SettingsReader r, String siteId, LinkSettings link) {
    Map<String, VolumeSettings> out = new LinkedHashMap<>();
    for (String v : r.names(TandemKeys.VOLUMES, VOLUME_NAME)) {
      String path = r.matching(TandemKeys.VOLUME_PATH, v, HDFS_PATH);
      if (path == null && r.raw(TandemKeys.VOLUME_PATH.forName(v)) == null) {
        r.missing(TandemKeys.VOLUME_PATH.forName(v), "volume " + v + " is listed in tandem.volumes and needs its HDFS directory");
      }
      String peer = r.raw(TandemKeys.VOLUME_PEER.forName(v));
      if (peer != null && !link.peers().contains(peer)) {
        r.problem(TandemKeys.VOLUME_PEER.forName(v), peer, "one of tandem.link.peers " + link.peers());
      }
      String remote = r.matching(TandemKeys.VOLUME_REMOTE_PATH, v, HDFS_PATH);
      String primary = r.raw(TandemKeys.VOLUME_PRIMARY.forName(v));
      VolumeSettings.MirrorMode mirror = r.choice(TandemKeys.VOLUME_MIRROR, v, VolumeSettings.MirrorMode.class);
      boolean ship = r.bool(TandemKeys.VOLUME_SHIP, v);
      List<String> sources = shipSources(r, v, siteId);
      List<String> onward = shipOnward(r, v, siteId, peer, sources, link);
      boolean needsPeer = mirror != VolumeSettings.MirrorMode.OFF || ship;
      if (needsPeer && peer == null) {
        r.missing(TandemKeys.VOLUME_PEER.forName(v), "volume " + v + " mirrors or ships, so it needs a peer site");
      }
      if (peer != null || !sources.isEmpty()) {
        checkPrimary(r, v, siteId, peer, sources, primary);
      }
      if (peer != null && needsPeer && link.peerAddress(peer) == null) {
        r.missing(TandemKeys.LINK_PEER_ADDRESS.forName(peer), "volume " + v + " mirrors or ships to " + peer);
      }
      if ((peer != null && needsPeer || !onward.isEmpty()) && link.auth() == LinkSettings.Auth.SECRET
          && link.secret() == null) {
        r.missing(TandemKeys.LINK_SECRET.template(), "volume " + v + " uses the link, and a link without a secret is refused"
            + " (set tandem.link.auth=none only for tests)");
      }
      VolumeSettings vs = new VolumeSettings(v, path, peer, remote != null ? remote : path, primary, mirror,
          r.choice(TandemKeys.VOLUME_SYNC_ON_LINK_DOWN, v, VolumeSettings.LinkDownPolicy.class),
          r.durationMs(TandemKeys.VOLUME_SNAPSHOT_INTERVAL, v),
          r.intIn(TandemKeys.VOLUME_SNAPSHOT_RETAIN, v, 1, 100_000),
          ship,
          r.choice(TandemKeys.VOLUME_SHIP_ON_TARGET_CHANGED, v, VolumeSettings.TargetChangedPolicy.class),
          onward, sources);
      out.put(v, vs);
    }
    refuseNestedVolumes(r, out);
    return out;
  }

  /**
   * A directory may belong to one volume only: under two, its changes would be mirrored twice, to two places, and a
   * sync client would wait on one volume's peer for a change the other carries.
   */
  private static void refuseNestedVolumes(SettingsReader r, Map<String, VolumeSettings> volumes) {
    List<VolumeSettings> all = new ArrayList<>(volumes.values());
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < i; j++) {
        VolumeSettings inner = all.get(i);
        VolumeSettings other = all.get(j);
        if (inner.path() == null || other.path() == null) {
          continue;
        }
        if (nested(inner.path(), other.path()) || nested(other.path(), inner.path())) {
          r.problem(TandemKeys.VOLUME_PATH.forName(inner.name()), inner.path(), "a directory neither inside nor"
              + " above volume " + other.name() + "'s (" + other.path() + "): a directory belongs to one volume");
        }
      }
    }
  }

  private static boolean nested(String inner, String outer) {
    String o = outer.endsWith("/") ? outer : outer + "/";
    return inner.equals(outer) || (inner.endsWith("/") ? inner : inner + "/").startsWith(o);
  }

  /** {@code ship.sources}: site ids other than this one. */
  private static List<String> shipSources(SettingsReader r, String v, String siteId) {
    List<String> sources = new ArrayList<>();
    for (String s : r.names(TandemKeys.VOLUME_SHIP_SOURCES, v, ZkSettings.SITE_ID)) {
      if (s.equals(siteId)) {
        r.problem(TandemKeys.VOLUME_SHIP_SOURCES.forName(v), s, "sites other than this one (" + siteId + ")");
      } else {
        sources.add(s);
      }
    }
    return sources;
  }

  /**
   * {@code ship.onward}: peers with an address, never this site or the volume's peer (the primary ships to its peer
   * already, and a replica never ships back to it); only for a volume that lives on several sites.
   */
  private static List<String> shipOnward(SettingsReader r, String v, String siteId, String peer, List<String> sources,
      LinkSettings link) {
    String key = TandemKeys.VOLUME_SHIP_ONWARD.forName(v);
    List<String> onward = new ArrayList<>();
    for (String s : r.names(TandemKeys.VOLUME_SHIP_ONWARD, v, ZkSettings.SITE_ID)) {
      if (s.equals(siteId) || s.equals(peer)) {
        r.problem(key, s, "sites other than this one (" + siteId + ")" + (peer == null ? "" : " and the volume's peer ("
            + peer + "): the primary ships to the peer already, and a replica never ships back to it"));
      } else if (!link.peers().contains(s)) {
        r.problem(key, s, "one of tandem.link.peers " + link.peers());
      } else {
        if (link.peerAddress(s) == null) {
          r.missing(TandemKeys.LINK_PEER_ADDRESS.forName(s), "volume " + v + " ships on to " + s);
        }
        onward.add(s);
      }
    }
    if (!onward.isEmpty() && peer == null && sources.isEmpty()) {
      r.problem(key, String.join(",", onward), "no onward sites for a volume without a peer or ship.sources: its"
          + " snapshots come from somewhere before they go on");
    }
    return onward;
  }

  /**
   * The primary is this site or the peer; on a cascade's destination (a volume with {@code ship.sources}) it may be
   * any site, since the primary is then often further up the cascade.
   */
  private static void checkPrimary(SettingsReader r, String v, String siteId, String peer, List<String> sources,
      String primary) {
    String key = TandemKeys.VOLUME_PRIMARY.forName(v);
    if (primary == null) {
      r.missing(key, "volume " + v + " lives on several sites, so say which site is primary at first ("
          + siteId + (peer == null ? "" : " or " + peer) + (sources.isEmpty() ? "" : ", or the cascade's primary") + ")");
    } else if (!sources.isEmpty()) {
      if (!ZkSettings.SITE_ID.matcher(primary).matches()) {
        r.problem(key, primary, TandemKeys.SITE_ID_ALLOWED);
      }
    } else if (!primary.equals(siteId) && !primary.equals(peer)) {
      r.problem(key, primary, "this site (" + siteId + ") or the volume's peer (" + peer + ")");
    }
  }

  /** One warning per {@code tandem.*} key that is not part of the contract, naming the closest known key. */
  static List<String> unknownKeyWarnings(Configuration conf, Iterable<String> volumes, List<String> peers) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> props = conf.getPropsWithPrefix("tandem.");
    List<String> sorted = new ArrayList<>(props.keySet());
    java.util.Collections.sort(sorted);
    for (String suffix : sorted) {
      String key = "tandem." + suffix;
      Optional<String> warning = checkKnown(key, volumes, peers);
      warning.ifPresent(warnings::add);
    }
    return warnings;
  }

  private static Optional<String> checkKnown(String key, Iterable<String> volumes, List<String> peers) {
    List<String> candidates = new ArrayList<>();
    for (KeyDef def : TandemKeys.all()) {
      String name = def.matchName(key);
      if (name != null) {
        if (!def.isTemplate()) {
          return Optional.empty();
        }
        boolean volumeKey = def.template().startsWith("tandem.volume.<v>");
        boolean declared = volumeKey ? contains(volumes, name) : peers.contains(name);
        if (declared) {
          return Optional.empty();
        }
        return Optional.of("Tandem key " + key + " is ignored: " + (volumeKey ? "volume " + name
            + " is not listed in tandem.volumes" : "site " + name + " is not listed in tandem.link.peers"));
      }
      candidates.add(def.isTemplate() ? def.forName(segmentAt(key, def)) : def.template());
    }
    Optional<String> closest = KeyNames.closest(key, candidates);
    return Optional.of("Unknown Tandem key " + key + " is ignored" + closest.map(c -> "; did you mean " + c + "?").orElse(""));
  }

  /** The segment of {@code key} at the template's placeholder position, used to build typo suggestions. */
  private static String segmentAt(String key, KeyDef def) {
    String prefix = def.template().substring(0, def.template().indexOf('<'));
    int dots = prefix.length() - prefix.replace(".", "").length();
    String[] parts = key.split("\\.");
    return parts.length > dots ? parts[dots] : "";
  }

  private static boolean contains(Iterable<String> names, String name) {
    for (String n : names) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code id} may be used as an agent id (it names a znode). */
  public static boolean isValidAgentId(String id) {
    return AGENT_ID.matcher(id).matches();
  }

  public ZkSettings zk() {
    return zk;
  }

  public String siteId() {
    return zk.siteId();
  }

  /** The configured agent id, or empty to let the hosting daemon choose one. */
  public Optional<String> agentId() {
    return Optional.ofNullable(agentId);
  }

  public LinkSettings link() {
    return link;
  }

  /** Declared volumes in declaration order. */
  public Map<String, VolumeSettings> volumes() {
    return volumes;
  }

  public MigrateSettings migrate() {
    return migrate;
  }

  public MirrorSettings mirror() {
    return mirror;
  }

  public long openFileFlushMs() {
    return mirror.openFileFlushMs();
  }

  public double shipBandwidthMbps() {
    return ship.bandwidthMbps();
  }

  /**
   * The bandwidth schedule, empty when {@code tandem.ship.bandwidth.schedule} is unset. Where no entry matches,
   * {@link #shipBandwidthMbps()} applies.
   */
  public Optional<BandwidthSchedule> shipBandwidthSchedule() {
    return ship.bandwidthSchedule();
  }

  /** A portion of a ship ends after this many steps... */
  public int shipPortionSteps() {
    return ship.portionSteps();
  }

  /** ...or after this many estimated content bytes, whichever comes first. */
  public long shipPortionBytes() {
    return ship.portionBytes();
  }

  /** The {@code tandem.ship.*} settings. */
  public ShipSettings ship() {
    return ship;
  }

  /** How long a site taking ships from several sources collects their offers for a snapshot. */
  public long shipClaimWindowMs() {
    return ship.claimWindowMs();
  }

  /** How long a granted ship stays with its source after that source's last request. */
  public long shipClaimLeaseMs() {
    return ship.claimLeaseMs();
  }

  public boolean failoverAuto() {
    return failoverAuto;
  }

  /** Warnings about unknown or ignored keys, as logged at parse time. */
  public List<String> warnings() {
    return warnings;
  }
}
