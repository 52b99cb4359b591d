package io.tandem.mirror.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Paths in requests stay inside their volume, whatever the peer sends. */
class VolumePathsTest {
  @Test
  void escapesAreRefusedWithTheReason() {
    assertTrue(assertThrows(MirrorProtocolException.class, () -> VolumePaths.check("a/../../etc")).getMessage()
        .contains("'..' segment"));
    assertTrue(assertThrows(MirrorProtocolException.class, () -> VolumePaths.check("/abs")).getMessage()
        .contains("absolute"));
    assertTrue(assertThrows(MirrorProtocolException.class, () -> VolumePaths.check(".tandem/stash/1")).getMessage()
        .contains("reserved"));
    assertEquals("a/b", VolumePaths.check("a/b"));
  }

  @Test
  void aVolumeAtTheRootCannotReachHdfsReservedPaths() {
    assertEquals("/data/x", VolumePaths.resolve("/", "data/x"));
    for (String inside : new String[] {".reserved", ".reserved/.inodes/16386", ".reserved/raw/v/f"}) {
      MirrorProtocolException e = assertThrows(MirrorProtocolException.class,
          () -> VolumePaths.resolve("/", VolumePaths.check(inside)));
      assertTrue(e.getMessage().contains("/.reserved"), e.getMessage());
    }
    assertEquals("/v/.reserved/x", VolumePaths.resolve("/v", ".reserved/x"), "only the root's is HDFS's");
  }
}
