package io.tandem.coord.conf;

import java.util.List;

/**
 * Every {@code tandem.*} key, its default and what it allows: the one place keys are named. Parsing and validation
 * live in {@link TandemConfig}; the README's key table and the samples in {@code conf/} mirror this list.
 */
public final class TandemKeys {
  private TandemKeys() {}

  private static KeyDef key(String template, String defaultValue, String allowed, String description) {
    return new KeyDef(template, defaultValue, allowed, description);
  }

  static final String SITE_ID_ALLOWED = "a site id: lower-case letters, digits, '-' or '_', starting with a letter or digit, at most 63 characters";

  // --- Site and agent ---
  public static final KeyDef SITE_ID = key("tandem.site.id", null, SITE_ID_ALLOWED,
      "This site's id, e.g. site-a. Required once any Tandem plugin is configured.");
  public static final KeyDef AGENT_ID = key("tandem.agent.id", null,
      "letters, digits and . _ : - (default: host and port of the hosting daemon)",
      "This agent's id in membership and leader election.");

  // --- ZooKeeper ---
  public static final KeyDef ZK_QUORUM = key("tandem.zk.quorum", null, "a ZooKeeper connect string host:port[,host:port...]",
      "The site's ZooKeeper ensemble. Falls back to ha.zookeeper.quorum.");
  public static final KeyDef ZK_ROOT = key("tandem.zk.root", "/tandem", "an absolute znode path without a trailing '/'",
      "Root znode; each site keeps its state under <root>/<site>.");
  public static final KeyDef ZK_SESSION_TIMEOUT_MS = key("tandem.zk.session.timeout.ms", "30000",
      "an integer from 1000 to 600000", "ZooKeeper session timeout. A leader that loses its session stops acting.");
  public static final KeyDef ZK_CONNECTION_TIMEOUT_MS = key("tandem.zk.connection.timeout.ms", "15000",
      "an integer from 100 to 600000", "How long to wait for a ZooKeeper connection before an operation fails.");
  public static final KeyDef ZK_AUTH = key("tandem.zk.auth", null,
      "scheme:auth[,scheme:auth...] e.g. digest:tandem:secret, or @/path/to/file (as hadoop.zk.auth)",
      "Authentication added to the ZooKeeper session. Read with Configuration.getPassword, so a credential provider can hold it.");
  public static final KeyDef ZK_ACL = key("tandem.zk.acl", "world:anyone:rwcda",
      "scheme:id:perms[,...] e.g. sasl:hdfs:cdrwa or digest:tandem:<hash>:cdrwa, or @/path/to/file (as hadoop.zk.acl)",
      "ACL set on every znode Tandem creates.");

  // --- Link ---
  public static final KeyDef LINK_LISTEN_ADDRESS = key("tandem.link.listen.address", null, "host:port",
      "The agent's address for peers and proxy clients. The one port that crosses between sites.");
  public static final KeyDef LINK_PEERS = key("tandem.link.peers", "", "comma-separated site ids",
      "Peer site ids.");
  public static final KeyDef LINK_PEER_ADDRESS = key("tandem.link.peer.<site>.address", null,
      "host:port, or several comma-separated", "Address of that peer's agent; with HA NameNodes list both agents: the"
          + " link dials the one that listens (the leading one).");
  public static final KeyDef LINK_PEER_ZK_QUORUM = key("tandem.link.peer.<site>.zk.quorum", null,
      "a ZooKeeper connect string", "Optional: the peer site's ZooKeeper, so tandem status can show that site too.");
  public static final KeyDef LINK_CONNECTIONS = key("tandem.link.connections", "4", "an integer from 1 to 64",
      "Connections per peer.");
  public static final KeyDef LINK_HEARTBEAT_INTERVAL_MS = key("tandem.link.heartbeat.interval.ms", "1000",
      "an integer from 10 to 60000", "Heartbeat interval on the link.");
  public static final KeyDef LINK_HEARTBEAT_TIMEOUT_MS = key("tandem.link.heartbeat.timeout.ms", "5000",
      "an integer from 50 to 600000, greater than tandem.link.heartbeat.interval.ms",
      "A heartbeat gap longer than this puts the link DOWN.");
  public static final KeyDef LINK_PROBATION_MS = key("tandem.link.probation.ms", "10000", "an integer from 0 to 3600000",
      "After heartbeats return, the link stays on PROBATION this long without a gap before it is UP again.");
  public static final KeyDef LINK_SECRET = key("tandem.link.secret", null, "any non-empty string",
      "Shared secret peers prove to each other (challenge-response). Read with Configuration.getPassword.");
  public static final KeyDef LINK_AUTH = key("tandem.link.auth", "secret", "secret or none",
      "none accepts unauthenticated peers: for tests only.");
  public static final KeyDef LINK_TLS_ENABLED = key("tandem.link.tls.enabled", "false", "true or false",
      "TLS on the link, configured by Hadoop's ssl-server.xml and ssl-client.xml.");

  // --- Volumes ---
  public static final KeyDef VOLUMES = key("tandem.volumes", "", "comma-separated volume names (letters, digits, '-', '_')",
      "Volume names.");
  public static final KeyDef VOLUME_PATH = key("tandem.volume.<v>.path", null, "an absolute HDFS path",
      "The volume's HDFS directory, neither inside nor above another volume's. Required for each declared volume.");
  public static final KeyDef VOLUME_PEER = key("tandem.volume.<v>.peer", null, "a site id listed in tandem.link.peers",
      "The peer site the volume mirrors or ships to.");
  public static final KeyDef VOLUME_REMOTE_PATH = key("tandem.volume.<v>.remote.path", null,
      "an absolute HDFS path (default: the volume's path)", "The volume's directory on the peer.");
  public static final KeyDef VOLUME_PRIMARY = key("tandem.volume.<v>.primary", null,
      "this site's id or the volume's peer", "The site that is primary at first. Declare each volume identically on both sites.");
  public static final KeyDef VOLUME_MIRROR = key("tandem.volume.<v>.mirror", "off", "off, async or sync",
      "Continuous mirroring mode.");
  public static final KeyDef VOLUME_SYNC_ON_LINK_DOWN = key("tandem.volume.<v>.sync.on-link-down", "degrade",
      "fail or degrade", "What a sync write does while the link is down.");
  public static final KeyDef VOLUME_SNAPSHOT_INTERVAL = key("tandem.volume.<v>.snapshot.interval", "0",
      "a duration such as 90s, 15m, 1h or 1d; 0 for no schedule", "Snapshot schedule.");
  public static final KeyDef VOLUME_SNAPSHOT_RETAIN = key("tandem.volume.<v>.snapshot.retain", "24",
      "an integer from 1 to 100000", "Snapshots kept.");
  public static final KeyDef VOLUME_SHIP = key("tandem.volume.<v>.ship", "false", "true or false",
      "Ship each new snapshot to the peer.");
  public static final KeyDef VOLUME_SHIP_ON_TARGET_CHANGED = key("tandem.volume.<v>.ship.on-target-changed", "fail",
      "fail or rollback", "What a ship does when the peer changed since the common snapshot.");
  public static final KeyDef VOLUME_SHIP_ONWARD = key("tandem.volume.<v>.ship.onward", null,
      "comma-separated site ids listed in tandem.link.peers, each with an address; not this site, not the volume's"
          + " peer",
      "Cascade: sites this site ships the volume's snapshots on to. On a REPLICA, each snapshot that arrived here"
          + " is shipped on (A to B to C); on the PRIMARY, each snapshot shipped to the peer goes to these sites too"
          + " (with ship=true). Each destination declares this site in its ship.sources.");
  public static final KeyDef VOLUME_SHIP_SOURCES = key("tandem.volume.<v>.ship.sources", null,
      "comma-separated site ids, not this site",
      "Cascade: sites besides the peer that may ship the volume's snapshots here. When several sites could ship a"
          + " snapshot here, one is chosen per snapshot (the most available and least loaded). With sources,"
          + " primary may name a site further up the cascade, and the peer may be left out.");

  // --- Sync clients (TandemFileSystem) ---
  public static final KeyDef SYNC_AGENTS = key("tandem.sync.agents", null,
      "comma-separated host:port (default: tandem.link.listen.address)",
      "Where sync clients ask this site's agent to wait for the peer. With HA NameNodes list both agents: only the"
          + " leading one answers.");
  public static final KeyDef SYNC_TIMEOUT_MS = key("tandem.sync.timeout.ms", "30000", "an integer from 100 to 3600000",
      "How long a sync write waits for the peer's acknowledgement before the volume's sync.on-link-down applies.");
  public static final KeyDef SYNC_FILESYSTEM = key("tandem.sync.filesystem", null,
      "an hdfs:// URI (default: fs.defaultFS)",
      "The file system whose sync volumes this site's tandem.volume settings describe: a TandemFileSystem of any other"
          + " file system holds nothing. Set it where fs.defaultFS is not that cluster's hdfs:// URI, e.g. viewfs://"
          + " over it.");

  // --- Mirroring and shipping ---
  public static final KeyDef MIRROR_OPEN_FILE_FLUSH_MS = key("tandem.mirror.open-file.flush.ms", "5000",
      "an integer from 100 to 3600000", "hflushed bytes of files kept open are shipped at least this often.");
  public static final KeyDef MIRROR_EDIT_LOG_INTERVAL_MS = key("tandem.mirror.edit-log.interval.ms", "100",
      "an integer from 0 to 10000",
      "While changes keep coming, the agent reads the NameNode's edit log (inotify) for new ones at most this often,"
          + " and waits at least 4 times as long as the last such read took: the NameNode answers each read by"
          + " scanning its in-progress edit log segment. All mirrored volumes share the reads; a sync write is never"
          + " held back by this wait; 0 reads as soon as the last changes are shipped.");
  public static final KeyDef MIRROR_EDIT_LOG_ROLL_ABOVE_MS = key("tandem.mirror.edit-log.roll-above.ms", "10",
      "an integer from 0 to 600000",
      "When one read of the NameNode's edit log takes longer than this (its in-progress segment has grown long),"
          + " the agent rolls the edit log (as hdfs dfsadmin -rollEdits does), at most once every 15 s, so later"
          + " reads scan a short segment: every read scans the whole in-progress segment, and a sync write waits"
          + " for one. An HA standby rolls every two minutes anyway (dfs.ha.log-roll.period). 0 never rolls.");
  public static final KeyDef SHIP_BANDWIDTH_MBPS = key("tandem.ship.bandwidth.mbps", "0",
      "a number of megabits per second, 0 for no cap", "Cap on snapshot shipping.");
  public static final KeyDef SHIP_BANDWIDTH_SCHEDULE = key("tandem.ship.bandwidth.schedule", null,
      "entries 'days times mbps' separated by ';', e.g. mon-fri 08:00-18:00 50; sat,sun * 400; * 200."
          + " days: '*' or mon..sun, lists and ranges (sat,sun mon-fri fri-mon); times: '*' or HH:MM-HH:MM, end"
          + " exclusive, 24:00 allowed, an end before the start runs past midnight; either may be left out;"
          + " mbps: a positive number or 'unlimited' (0 is refused)",
      "Caps on snapshot shipping by day and time of day, in the agent's local time zone. The first matching entry"
          + " wins; where none matches, tandem.ship.bandwidth.mbps applies. Takes effect mid-ship within a second.");

  public static final KeyDef SHIP_PORTION_STEPS = key("tandem.ship.portion.steps", "256", "an integer from 1 to 1000000",
      "A ship is recorded in portions: a portion ends after this many steps (files, directories, renames, deletes)"
          + " or tandem.ship.portion.bytes, whichever comes first. An interrupted ship repeats at most one portion.");
  public static final KeyDef SHIP_PORTION_BYTES = key("tandem.ship.portion.bytes", "67108864",
      "an integer from 1024 to 1099511627776", "Estimated content bytes after which a portion of a ship ends.");

  public static final KeyDef SHIP_CLAIM_WINDOW_MS = key("tandem.ship.claim.window.ms", "3000",
      "an integer from 0 to 600000",
      "On a site that takes a volume's ships from several sources: how long it collects their offers for a"
          + " snapshot before granting the ship to the best (lowest load score).");
  public static final KeyDef SHIP_CLAIM_LEASE_MS = key("tandem.ship.claim.lease.ms", "30000",
      "an integer from 1000 to 3600000",
      "How long a granted ship stays with its source after that source's last request; then another source may"
          + " take it over and finish it from what has arrived.");

  // --- Migration ---
  public static final KeyDef MIGRATE_ENABLED = key("tandem.migrate.enabled", "false", "true or false",
      "Load-triggered block migration. Also switches on each DataNode's load monitor (its load report in ZooKeeper).");
  public static final KeyDef LOAD_REPORT_INTERVAL_MS = key("tandem.load.report.interval.ms", "5000",
      "an integer from 100 to 3600000", "How often each DataNode publishes its load.");
  public static final KeyDef LOAD_HOT_BLOCKS = key("tandem.load.hot.blocks", "8", "an integer from 0 to 64",
      "Hot blocks each DataNode lists in its load report: the blocks it recently served most often, counted from"
          + " its client-trace log. 0 turns the counting off.");
  public static final KeyDef MIGRATE_WEIGHT_SERVER = key("tandem.migrate.weight.server", "0.5",
      "a number from 0 to 100; not 0 together with tandem.migrate.weight.storage",
      "Weight of server load (transfers and network) in a DataNode's load score.");
  public static final KeyDef MIGRATE_WEIGHT_STORAGE = key("tandem.migrate.weight.storage", "0.5",
      "a number from 0 to 100; not 0 together with tandem.migrate.weight.server",
      "Weight of storage load (bytes and I/O latency) in a DataNode's load score.");
  public static final KeyDef MIGRATE_THRESHOLD = key("tandem.migrate.threshold", "0.25",
      "a number greater than 0 and at most 10", "Fraction above the mean load that counts as hot.");
  public static final KeyDef MIGRATE_SUSTAIN_REPORTS = key("tandem.migrate.sustain.reports", "3",
      "an integer from 1 to 1000", "Reports in a row above the threshold before acting.");
  public static final KeyDef MIGRATE_MAX_CONCURRENT_MOVES = key("tandem.migrate.max.concurrent.moves", "2",
      "an integer from 1 to 100", "Concurrent moves per DataNode.");
  public static final KeyDef MIGRATE_BANDWIDTH_MBPS = key("tandem.migrate.bandwidth.mbps", "0",
      "a number of megabits per second, 0 for no cap", "Cap on migration traffic.");

  // --- Failover ---
  public static final KeyDef FAILOVER_AUTO = key("tandem.failover.auto", "false", "true or false",
      "Automatic site failover.");

  private static final List<KeyDef> ALL = List.of(
      SITE_ID,
      AGENT_ID,
      ZK_QUORUM,
      ZK_ROOT,
      ZK_SESSION_TIMEOUT_MS,
      ZK_CONNECTION_TIMEOUT_MS,
      ZK_AUTH,
      ZK_ACL,
      LINK_LISTEN_ADDRESS,
      LINK_PEERS,
      LINK_PEER_ADDRESS,
      LINK_PEER_ZK_QUORUM,
      LINK_CONNECTIONS,
      LINK_HEARTBEAT_INTERVAL_MS,
      LINK_HEARTBEAT_TIMEOUT_MS,
      LINK_PROBATION_MS,
      LINK_SECRET,
      LINK_AUTH,
      LINK_TLS_ENABLED,
      VOLUMES,
      VOLUME_PATH,
      VOLUME_PEER,
      VOLUME_REMOTE_PATH,
      VOLUME_PRIMARY,
      VOLUME_MIRROR,
      VOLUME_SYNC_ON_LINK_DOWN,
      VOLUME_SNAPSHOT_INTERVAL,
      VOLUME_SNAPSHOT_RETAIN,
      VOLUME_SHIP,
      VOLUME_SHIP_ON_TARGET_CHANGED,
      VOLUME_SHIP_ONWARD,
      VOLUME_SHIP_SOURCES,
      SYNC_AGENTS,
      SYNC_TIMEOUT_MS,
      SYNC_FILESYSTEM,
      MIRROR_OPEN_FILE_FLUSH_MS,
      MIRROR_EDIT_LOG_INTERVAL_MS,
      MIRROR_EDIT_LOG_ROLL_ABOVE_MS,
      SHIP_BANDWIDTH_MBPS,
      SHIP_BANDWIDTH_SCHEDULE,
      SHIP_PORTION_STEPS,
      SHIP_PORTION_BYTES,
      SHIP_CLAIM_WINDOW_MS,
      SHIP_CLAIM_LEASE_MS,
      MIGRATE_ENABLED,
      LOAD_REPORT_INTERVAL_MS,
      LOAD_HOT_BLOCKS,
      MIGRATE_WEIGHT_SERVER,
      MIGRATE_WEIGHT_STORAGE,
      MIGRATE_THRESHOLD,
      MIGRATE_SUSTAIN_REPORTS,
      MIGRATE_MAX_CONCURRENT_MOVES,
      MIGRATE_BANDWIDTH_MBPS,
      FAILOVER_AUTO);

  /** All keys, in documentation order. */
  public static List<KeyDef> all() {
    return ALL;
  }
}
