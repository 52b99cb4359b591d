package io.tandem.coord;

import io.tandem.coord.conf.ZkSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.AuthInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.hadoop.util.ZKUtil;
import org.apache.zookeeper.data.ACL;

/** Builds Curator clients from {@link ZkSettings}: explicit timeouts, bounded retries, digest auth and ACLs. */
public final class ZkClients {
  private ZkClients() {}

  /**
   * A new, not yet started client for the site's ensemble. Its namespace is the Tandem root without the leading
   * slash, so paths from {@link ZnodePaths} are relative to {@code tandem.zk.root}.
   */
  public static CuratorFramework newClient(ZkSettings settings) {
    CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
        .connectString(settings.quorum())
        .sessionTimeoutMs(settings.sessionTimeoutMs())
        .connectionTimeoutMs(settings.connectionTimeoutMs())
        // Retries within one operation stay short: callers decide about longer outages (and see SUSPENDED).
        .retryPolicy(new ExponentialBackoffRetry(100, 5, 2000))
        .namespace(settings.root().substring(1))
        .aclProvider(new FixedAcls(settings.acls()));
    List<AuthInfo> auths = new ArrayList<>();
    for (ZKUtil.ZKAuthInfo a : settings.auths()) {
      auths.add(new AuthInfo(a.getScheme(), a.getAuth()));
    }
    if (!auths.isEmpty()) {
      b.authorization(auths);
    }
    return b.build();
  }

  /** Encodes a string as stored in znodes. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final class FixedAcls implements ACLProvider {
    private final List<ACL> acls;

    FixedAcls(List<ACL> acls) {
      this.acls = acls;
    }

    @Override
    public List<ACL> getDefaultAcl() {
      return acls;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
      return acls;
    }
  }
}
