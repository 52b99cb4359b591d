package io.tandem.hadoop.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SyncGuardTest {
  private static boolean same(String home, String fs) {
    return SyncGuard.sameFileSystem(URI.create(home), URI.create(fs));
  }

  /** Before, any difference in spelling made a sync volume's calls return without waiting, silently. */
  @Test
  void oneClusterSpelledTwoWaysIsOneFileSystem() {
    assertTrue(same("hdfs://nn1.example.com:8020", "hdfs://nn1.example.com:8020"));
    assertTrue(same("hdfs://nn1.example.com", "hdfs://nn1.example.com:8020"));
    assertTrue(same("hdfs://NN1.example.com:8020", "hdfs://nn1.example.com"));
    assertTrue(same("HDFS://nameservice1", "hdfs://nameservice1"));
  }

  @Test
  void anotherClusterOrPortOrSchemeIsNot() {
    assertFalse(same("hdfs://site-a", "hdfs://site-b"));
    assertFalse(same("hdfs://nn1:8020", "hdfs://nn1:9000"));
    assertFalse(same("hdfs://nn1", "webhdfs://nn1"));
    assertFalse(same("viewfs://cluster", "hdfs://nn1"));
    assertFalse(same("file:///", "hdfs://nn1"));
  }

  @Test
  void theSitesFileSystemIsTandemSyncFileSystemOrElseTheDefault() throws Exception {
    org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration(false);
    c.set("fs.defaultFS", "viewfs://cluster/");
    assertTrue(SyncGuard.home(c).toString().equals("viewfs://cluster/"));
    c.set("tandem.sync.filesystem", "hdfs://ns1");
    assertTrue(SyncGuard.home(c).toString().equals("hdfs://ns1"));
    c.set("tandem.sync.filesystem", "viewfs://cluster/");
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> SyncGuard.home(c));
    assertTrue(e.getMessage().contains("tandem.sync.filesystem 'viewfs://cluster/' is not an hdfs:// URI"),
        e.getMessage());
  }

  /** A client with no sync volume (or of another cluster) passes every call straight through. */
  @Test
  void theGuardOfAClientWithNoSyncVolumeHoldsNothingAndNeverFails() throws Exception {
    SyncGuard none = SyncGuard.NONE;
    assertFalse(none.active());
    assertFalse(none.covers("/data/logs/a"));
    none.afterChange("mkdirs", "/data/logs/a");
    none.afterSubtreeChange("rename", "/data", "/elsewhere");
    none.afterFlush("hflush", "/data/logs/a", 10, 16386);
  }
}
