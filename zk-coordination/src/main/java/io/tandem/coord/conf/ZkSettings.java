package io.tandem.coord.conf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ZKUtil;
import org.apache.zookeeper.data.ACL;

/** How to reach and authenticate to the site's ZooKeeper. Parsed separately so a plugin whose other settings are
 * invalid can still publish its failure where {@code tandem status} sees it. */
public final class ZkSettings {
  static final Pattern ROOT = Pattern.compile("(/[A-Za-z0-9._-]+)+");
  static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  /**
   * The id a site's own clients (sync barriers, later the proxy path) claim on the link port: reserved, so no site
   * may take it, and a connection claiming it can never pass as a peer site.
   */
  public static final String CLIENT_SITE_ID = "tandem-client";

  private final String siteId;
  private final String quorum;
  private final String root;
  private final int sessionTimeoutMs;
  private final int connectionTimeoutMs;
  private final List<ZKUtil.ZKAuthInfo> auths;
  private final List<ACL> acls;

  ZkSettings(String siteId, String quorum, String root, int sessionTimeoutMs, int connectionTimeoutMs,
      List<ZKUtil.ZKAuthInfo> auths, List<ACL> acls) {
    this.siteId = siteId;
    this.quorum = quorum;
    this.root = root;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.connectionTimeoutMs = connectionTimeoutMs;
    this.auths = List.copyOf(auths);
    // Not List.copyOf: ZooKeeper's ACL validation asks contains(null), which immutable lists refuse.
    this.acls = Collections.unmodifiableList(new ArrayList<>(acls));
  }

  /** Parses the site id and ZooKeeper keys only. */
  public static ZkSettings parse(Configuration conf) {
    SettingsReader r = new SettingsReader(conf);
    ZkSettings s = read(r);
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    return s;
  }

  static ZkSettings read(SettingsReader r) {
    String siteId = r.matching(TandemKeys.SITE_ID, "", SITE_ID);
    if (siteId == null && r.raw(TandemKeys.SITE_ID.template()) == null) {
      r.missing(TandemKeys.SITE_ID.template(), "every Tandem plugin needs this site's id (e.g. site-a)");
    }
    if (CLIENT_SITE_ID.equals(siteId)) {
      r.problem(TandemKeys.SITE_ID.template(), siteId, "any id but " + CLIENT_SITE_ID + ", which clients claim on the link");
      siteId = null;
    }
    String quorum = r.raw(TandemKeys.ZK_QUORUM.template());
    if (quorum == null) {
      quorum = r.raw("ha.zookeeper.quorum");
    }
    if (quorum == null) {
      r.missing(TandemKeys.ZK_QUORUM.template(), "set it (or ha.zookeeper.quorum) to the site's ZooKeeper, e.g. zk1:2181,zk2:2181,zk3:2181");
    }
    String root = r.matching(TandemKeys.ZK_ROOT, "", ROOT);
    int session = r.intIn(TandemKeys.ZK_SESSION_TIMEOUT_MS, "", 1000, 600_000);
    int connection = r.intIn(TandemKeys.ZK_CONNECTION_TIMEOUT_MS, "", 100, 600_000);
    List<ZKUtil.ZKAuthInfo> auths = List.of();
    String auth = r.password(TandemKeys.ZK_AUTH);
    if (auth != null) {
      try {
        auths = ZKUtil.parseAuth(ZKUtil.resolveConfIndirection(auth));
      } catch (IOException | ZKUtil.BadAuthFormatException e) {
        r.problem(TandemKeys.ZK_AUTH.template(), "<hidden>", TandemKeys.ZK_AUTH.allowed() + " (" + e.getMessage() + ")");
      }
    }
    List<ACL> acls = List.of();
    String acl = r.string(TandemKeys.ZK_ACL, "");
    try {
      acls = ZKUtil.parseACLs(ZKUtil.resolveConfIndirection(acl));
    } catch (IOException | ZKUtil.BadAclFormatException e) {
      r.problem(TandemKeys.ZK_ACL.template(), acl, TandemKeys.ZK_ACL.allowed() + " (" + e.getMessage() + ")");
    }
    return new ZkSettings(siteId, quorum, root == null ? "/tandem" : root, session, connection, auths, acls);
  }

  public String siteId() {
    return siteId;
  }

  public String quorum() {
    return quorum;
  }

  public String root() {
    return root;
  }

  public int sessionTimeoutMs() {
    return sessionTimeoutMs;
  }

  public int connectionTimeoutMs() {
    return connectionTimeoutMs;
  }

  public List<ZKUtil.ZKAuthInfo> auths() {
    return auths;
  }

  public List<ACL> acls() {
    return acls;
  }

  /** The same settings pointed at another site's ensemble (for reading a peer's state). */
  public ZkSettings forSite(String otherSiteId, String otherQuorum) {
    return new ZkSettings(otherSiteId, otherQuorum, root, sessionTimeoutMs, connectionTimeoutMs, auths, acls);
  }

  @Override
  public String toString() {
    return "site " + siteId + " at ZooKeeper " + quorum + root;
  }
}
