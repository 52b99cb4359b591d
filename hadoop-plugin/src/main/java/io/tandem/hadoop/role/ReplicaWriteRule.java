package io.tandem.hadoop.role;

import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeRole;
import io.tandem.mirror.protocol.VolumePaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.permission.FsAction;

/**
 * Whether a NameNode access check is a write into a REPLICA volume: a check asking WRITE of the path, its parent,
 * an ancestor or its subtree, or ownership (setPermission, setOwner, snapshots). Pure: paths and actions in,
 * the refusal out.
 */
public final class ReplicaWriteRule {
  private final List<VolumeSettings> volumes = new ArrayList<>();
  private final RoleLookup roles;
  private final String siteId;

  public ReplicaWriteRule(Collection<VolumeSettings> declared, RoleLookup roles, String siteId) {
    for (VolumeSettings v : declared) {
      if (v.replicated()) {
        volumes.add(v);
      }
    }
    this.roles = roles;
    this.siteId = siteId;
  }

  /** The refusal for this check, or empty when it may go on to HDFS's own checks. */
  public Optional<String> refusal(String path, boolean checkOwner, FsAction... actions) {
    if (path == null || !(checkOwner || asksWrite(actions))) {
      return Optional.empty();
    }
    for (VolumeSettings v : volumes) {
      if (VolumePaths.relativize(v.path(), path) != null) {
        if (roles.role(v.name()) == VolumeRole.Role.REPLICA) {
          return Optional.of("Permission denied: " + path + " is in volume " + v.name() + ", which is REPLICA on "
              + siteId + " (epoch " + roles.epoch(v.name()) + "): it takes changes only from " + senders(v)
              + "; write there, or promote this site (tandem failover promote " + v.name() + ")");
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Who writes a replica: its peer, the primary; in a cascade, the sites that ship to it and the primary. */
  private static String senders(VolumeSettings v) {
    if (v.sources().isEmpty()) {
      return v.peer() + ", the primary";
    }
    return String.join(", ", v.senders()) + " (shipping from " + v.primary() + ", the primary)";
  }

  private static boolean asksWrite(FsAction... actions) {
    for (FsAction a : actions) {
      if (a != null && a.implies(FsAction.WRITE)) {
        return true;
      }
    }
    return false;
  }
}
