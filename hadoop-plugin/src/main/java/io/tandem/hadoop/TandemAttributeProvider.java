package io.tandem.hadoop;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.hadoop.role.ReplicaWriteRule;
import io.tandem.hadoop.role.RoleWatch;
import java.util.Optional;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.hdfs.server.namenode.INodeAttributeProvider;
import org.apache.hadoop.hdfs.server.namenode.INodeAttributes;
import org.apache.hadoop.security.AccessControlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes REPLICA volumes read-only for every client of the NameNode ({@code dfs.namenode.inode.attributes.provider.class}):
 * a check that asks to write into one, or to change its ownership or permissions, is refused with an error naming the
 * volume and its role; all else goes to HDFS's own checks unchanged. HDFS skips these checks for its superuser, which
 * is how Tandem's own receiver (inside the NameNode) is the one writer a REPLICA accepts. Attributes are not
 * changed. A problem of Tandem's (bad configuration, ZooKeeper away) never blocks the NameNode: without a valid
 * configuration nothing is refused, and the error is logged.
 */
public class TandemAttributeProvider extends INodeAttributeProvider implements Configurable {
  private static final Logger LOG = LoggerFactory.getLogger(TandemAttributeProvider.class);

  private Configuration conf;
  private volatile RoleWatch watch;
  private volatile ReplicaWriteRule rule;

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  @Override
  public void start() {
    try {
      TandemConfig config = TandemConfig.parse(conf);
      RoleWatch w = new RoleWatch(config);
      w.start();
      watch = w;
      rule = new ReplicaWriteRule(config.volumes().values(), w, config.siteId());
      LOG.info("Tandem attribute provider started: REPLICA volumes of {} refuse client writes", config.siteId());
    } catch (Exception | LinkageError e) {
      LOG.error("Tandem attribute provider could not start; REPLICA volumes are NOT protected from client writes", e);
    }
  }

  @Override
  public void stop() {
    RoleWatch w = watch;
    if (w != null) {
      w.close();
    }
  }

  @Override
  public INodeAttributes getAttributes(String[] pathElements, INodeAttributes inode) {
    return inode;
  }

  @Override
  public AccessControlEnforcer getExternalAccessControlEnforcer(AccessControlEnforcer defaultEnforcer) {
    return new ReplicaEnforcer(defaultEnforcer);
  }

  /** Refuses writes into REPLICA volumes, then asks HDFS's own enforcer. */
  private final class ReplicaEnforcer implements AccessControlEnforcer {
    private final AccessControlEnforcer hdfs;

    ReplicaEnforcer(AccessControlEnforcer hdfs) {
      this.hdfs = hdfs;
    }

    private void check(String path, boolean checkOwner, FsAction... actions) throws AccessControlException {
      ReplicaWriteRule r = rule;
      if (r == null) {
        return;
      }
      Optional<String> refusal;
      try {
        refusal = r.refusal(path, checkOwner, actions);
      } catch (RuntimeException e) {
        LOG.error("Tandem's replica check failed on {}; HDFS's own checks decide", path, e);
        return;
      }
      if (refusal.isPresent()) {
        throw new AccessControlException(refusal.get());
      }
    }

    @Override
    public void checkPermission(String fsOwner, String supergroup, org.apache.hadoop.security.UserGroupInformation callerUgi,
        INodeAttributes[] inodeAttrs, org.apache.hadoop.hdfs.server.namenode.INode[] inodes, byte[][] pathByNameArr,
        int snapshotId, String path, int ancestorIndex, boolean doCheckOwner, FsAction ancestorAccess,
        FsAction parentAccess, FsAction access, FsAction subAccess, boolean ignoreEmptyDir)
        throws AccessControlException {
      check(path, doCheckOwner, ancestorAccess, parentAccess, access, subAccess);
      hdfs.checkPermission(fsOwner, supergroup, callerUgi, inodeAttrs, inodes, pathByNameArr, snapshotId, path,
          ancestorIndex, doCheckOwner, ancestorAccess, parentAccess, access, subAccess, ignoreEmptyDir);
    }

    @Override
    public void checkPermissionWithContext(AuthorizationContext ctx) throws AccessControlException {
      check(ctx.getPath(), ctx.isDoCheckOwner(), ctx.getAncestorAccess(), ctx.getParentAccess(), ctx.getAccess(),
          ctx.getSubAccess());
      hdfs.checkPermissionWithContext(ctx);
    }
  }
}
