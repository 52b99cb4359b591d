package io.tandem.it.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.hadoop.TandemFileSystem;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import java.time.Duration;
import java.util.Random;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sync volume whose directory is erasure coded. HDFS makes nothing of a striped file visible on hflush (the call
 * does nothing), so there are no flushed bytes the peer could be asked to hold: the hflush waits for the volume's
 * changes before it, not for bytes, and the file reaches the peer when it closes. Before, it waited for bytes that
 * could not come until its timeout, and under on-link-down=fail it then threw, on every hflush.
 */
class SyncErasureCodedIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String POLICY = "XOR-2-1-1024k";
  private static TwoSites sites;
  private static DistributedFileSystem fsA;
  private static DistributedFileSystem fsB;
  private static TandemFileSystem client;

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(SyncErasureCodedIT.class), 3, port -> port, (c, site) -> {
      MirroredVolumes.timings(c, 100, 700, 1000, 60_000);
      MirroredVolumes.async(c, site, "ec", "site-a");
      c.set("tandem.volume.ec.mirror", "sync");
      c.set("tandem.volume.ec.sync.on-link-down", "fail");
    });
    fsA = (DistributedFileSystem) Trees.comparableFs(sites.a());
    fsB = (DistributedFileSystem) Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/ec"));
    fsA.enableErasureCodingPolicy(POLICY);
    fsA.setErasureCodingPolicy(new Path("/ec"), POLICY);
    client = sites.a().syncClient(5000);
    Trees.awaitIdentical(fsA, "/ec", fsB, "/ec", CONVERGE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
      fsA.close();
      fsB.close();
    }
    if (sites != null) {
      sites.close();
    }
  }

  @Test
  void anHflushOfAStripedFileWaitsForTheVolumeNotForBytesHdfsDoesNotShow() throws Exception {
    Path file = new Path("/ec/striped.log");
    byte[] data = new byte[300_000];
    new Random(5).nextBytes(data);
    try (FSDataOutputStream out = client.create(file)) {
      out.write(data);
      out.hflush(); // threw SyncNotAcknowledgedException after the 5 s timeout before
      out.hsync();
    }
    assertEquals(POLICY, fsA.getErasureCodingPolicy(file).getName(), "the test's file is not striped");
    Trees.awaitIdentical(fsA, "/ec", fsB, "/ec", CONVERGE);
    byte[] onPeer = new byte[data.length];
    try (FSDataInputStream in = fsB.open(file)) {
      IOUtils.readFully(in, onPeer, 0, onPeer.length);
    }
    assertArrayEquals(data, onPeer);
  }
}
