package io.tandem.hadoop.role;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.record.VolumeRole;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.permission.FsAction;
import org.junit.jupiter.api.Test;

class ReplicaWriteRuleTest {
  private final Map<String, VolumeRole.Role> roles = new HashMap<>();

  private ReplicaWriteRule rule() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-b");
    c.set("tandem.zk.quorum", "127.0.0.1:2181");
    c.set("tandem.link.peers", "site-a");
    c.set("tandem.link.peer.site-a.address", "127.0.0.1:1");
    c.set("tandem.link.secret", "s3cret-s3cret-s3cret");
    c.set("tandem.volumes", "x,local");
    c.set("tandem.volume.x.path", "/data/x");
    c.set("tandem.volume.x.peer", "site-a");
    c.set("tandem.volume.x.primary", "site-a");
    c.set("tandem.volume.local.path", "/data/local");
    RoleLookup lookup = new RoleLookup() {
      @Override
      public VolumeRole.Role role(String volume) {
        return roles.get(volume);
      }

      @Override
      public long epoch(String volume) {
        return 7;
      }
    };
    return new ReplicaWriteRule(TandemConfig.parse(c).volumes().values(), lookup, "site-b");
  }

  @Test
  void writesAndOwnershipChangesInsideAReplicaAreRefusedReadsAndOtherPathsAreNot() {
    roles.put("x", VolumeRole.Role.REPLICA);
    ReplicaWriteRule r = rule();
    String why = r.refusal("/data/x/a/b", false, null, FsAction.WRITE, null, null).get();
    assertTrue(why.contains("volume x, which is REPLICA on site-b (epoch 7)") && why.contains("site-a"), why);
    assertTrue(r.refusal("/data/x", false, null, null, null, FsAction.ALL).isPresent(), "recursive delete");
    assertTrue(r.refusal("/data/x/f", true, null, null, null, null).isPresent(), "setOwner / setPermission");
    assertTrue(r.refusal("/data/x/new", false, FsAction.WRITE_EXECUTE, null, null, null).isPresent(), "create");
    assertFalse(r.refusal("/data/x/f", false, null, null, FsAction.READ, null).isPresent(), "reads pass");
    assertFalse(r.refusal("/data/x/d", false, null, null, FsAction.READ_EXECUTE, null).isPresent(), "listing passes");
    assertFalse(r.refusal("/data/xy/f", false, null, FsAction.WRITE, null, null).isPresent(), "a sibling prefix");
    assertFalse(r.refusal("/data/local/f", false, null, FsAction.WRITE, null, null).isPresent(), "no peer, no role");
    assertFalse(r.refusal(null, true, FsAction.ALL).isPresent());
  }

  @Test
  void aPrimaryVolumeTakesWrites() {
    roles.put("x", VolumeRole.Role.PRIMARY);
    assertFalse(rule().refusal("/data/x/f", true, FsAction.ALL, FsAction.ALL, FsAction.ALL, FsAction.ALL).isPresent());
  }
}
