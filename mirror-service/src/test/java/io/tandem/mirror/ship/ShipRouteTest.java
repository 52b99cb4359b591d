package io.tandem.mirror.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeRole.Role;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The routes a site ships a volume on follow its role: the primary to its peer and onward, a replica onward only. */
class ShipRouteTest {
  private static VolumeSettings volumeOnB() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-b");
    c.set("tandem.zk.quorum", "localhost:2181");
    c.set("tandem.link.auth", "none");
    c.set("tandem.link.peers", "site-a,site-c");
    c.set("tandem.link.peer.site-a.address", "a:1");
    c.set("tandem.link.peer.site-c.address", "c:1");
    c.set("tandem.volumes", "v");
    c.set("tandem.volume.v.path", "/v");
    c.set("tandem.volume.v.peer", "site-a");
    c.set("tandem.volume.v.primary", "site-a");
    c.set("tandem.volume.v.ship.onward", "site-c");
    return TandemConfig.parse(c).volumes().get("v");
  }

  private static List<String> destinations(List<ShipRoute> routes) {
    return routes.stream().map(ShipRoute::destination).collect(Collectors.toList());
  }

  @Test
  void routesFollowTheRole() {
    VolumeSettings v = volumeOnB();
    assertEquals(List.of("site-c"), destinations(ShipRoute.of(v, Role.REPLICA)), "a replica never ships back");
    assertEquals(List.of("site-a", "site-c"), destinations(ShipRoute.of(v, Role.PRIMARY)), "after a promote");
    assertTrue(ShipRoute.of(v, null).isEmpty(), "no role, no ships");
  }

  @Test
  void eachRouteHasItsOwnRecordAndName() {
    VolumeSettings v = volumeOnB();
    ZnodePaths paths = new ZnodePaths("site-b");
    ShipRoute toPeer = ShipRoute.to(v, "site-a");
    ShipRoute onward = ShipRoute.to(v, "site-c");
    assertEquals("v", toPeer.key());
    assertEquals("/site-b/volumes/v/ship", toPeer.recordPath(paths));
    assertEquals("/site-b/volumes/v/ship-request", toPeer.requestPath(paths));
    assertEquals("v->site-c", onward.key());
    assertEquals("/site-b/volumes/v/onward/site-c/ship", onward.recordPath(paths));
    assertEquals("/site-b/volumes/v/onward/site-c/ship-request", onward.requestPath(paths));
    assertNull(onward.remoteRoot(), "an onward site holds the volume at its own path");
    assertEquals("/v", toPeer.remoteRoot());
    assertNull(ShipRoute.to(v, "site-q"));
  }
}
