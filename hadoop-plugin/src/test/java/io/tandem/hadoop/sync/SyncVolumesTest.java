package io.tandem.hadoop.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.conf.TandemConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class SyncVolumesTest {
  private static SyncVolumes volumes() {
    Configuration c = new Configuration(false);
    c.set("tandem.site.id", "site-a");
    c.set("tandem.zk.quorum", "127.0.0.1:2181");
    c.set("tandem.link.peers", "site-b");
    c.set("tandem.link.peer.site-b.address", "127.0.0.1:1");
    c.set("tandem.link.secret", "s3cret-s3cret-s3cret");
    c.set("tandem.volumes", "logs,events,plain");
    for (String v : new String[] {"logs", "events", "plain"}) {
      c.set("tandem.volume." + v + ".path", "/data/" + v);
      c.set("tandem.volume." + v + ".peer", "site-b");
      c.set("tandem.volume." + v + ".primary", "site-a");
    }
    c.set("tandem.volume.logs.mirror", "sync");
    c.set("tandem.volume.events.mirror", "async");
    return SyncVolumes.of(TandemConfig.parse(c).volumes().values());
  }

  @Test
  void onlySyncVolumesAndOnlyPathsInsideThemResolve() {
    SyncVolumes v = volumes();
    assertEquals(1, v.volumes().size());
    assertEquals("", v.resolve("/data/logs").get().relative());
    assertEquals("a/b", v.resolve("/data/logs/a/b").get().relative());
    assertFalse(v.resolve("/data/logs2/a").isPresent(), "a sibling with the same prefix is not inside");
    assertFalse(v.resolve("/data/events/a").isPresent(), "async volumes are not held");
    assertFalse(v.resolve("/data").isPresent());
    assertTrue(SyncVolumes.of(java.util.List.of()).isEmpty());
  }

  /** Before, a write through the raw namespace (distcp -px does that) returned without waiting for the peer. */
  @Test
  void aPathInTheRawNamespaceResolvesToItsVolume() {
    SyncVolumes v = volumes();
    assertEquals("a/b", v.resolve("/.reserved/raw/data/logs/a/b").get().relative());
    assertFalse(v.resolve("/.reserved/raw/data/events/a").isPresent());
    assertFalse(v.resolve("/.reserved/rawdata/logs/a").isPresent());
  }

  /** Before, a rename or delete of {@code /data} returned at once, though it took the sync volume along. */
  @Test
  void aRenameOrDeleteAboveASyncVolumeChangesTheWholeVolume() {
    SyncVolumes v = volumes();
    assertEquals(java.util.List.of("logs:"), names(v.changedBySubtree("/data")));
    assertEquals(java.util.List.of("logs:"), names(v.changedBySubtree("/")));
    assertEquals(java.util.List.of("logs:"), names(v.changedBySubtree("/.reserved/raw/data")));
    assertEquals(java.util.List.of("logs:a"), names(v.changedBySubtree("/data/logs/a")));
    assertEquals(java.util.List.of(), names(v.changedBySubtree("/dat")));
    assertEquals(java.util.List.of(), names(v.changedBySubtree("/data/events")));
  }

  private static java.util.List<String> names(java.util.List<SyncVolumes.Target> targets) {
    java.util.List<String> out = new java.util.ArrayList<>();
    targets.forEach(t -> out.add(t.volume().name() + ":" + t.relative()));
    return out;
  }

  /** A path whose volume could not be told may be in any sync volume. */
  @Test
  void aPathOfAnUnknownVolumeIsInEverySyncVolume() {
    SyncVolumes v = volumes();
    assertEquals(java.util.List.of("logs:"), names(v.changedAt(SyncVolumes.ANY_VOLUME)));
    assertEquals(java.util.List.of("logs:"), names(v.changedBySubtree(SyncVolumes.ANY_VOLUME)));
    assertEquals(java.util.List.of("logs:a"), names(v.changedAt("/data/logs/a")));
    assertEquals(java.util.List.of(), names(v.changedAt("/.reserved/.inodes/16386")), "by id, not placed: outside");
  }
}
