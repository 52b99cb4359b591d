package io.tandem.sandbox;

import io.tandem.it.harness.TandemSite;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's hot spot on site-a: a file of a few blocks with one replica, all on the first DataNode, read over and
 * over by a few readers, one random whole block at a time. That DataNode turns hot in its load reports and the
 * site leader moves the hot blocks away; the readers follow the replicas and the load spreads (watch the load bars
 * and the migration line in the status view).
 */
final class HotSpot implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HotSpot.class);
  static final Path FILE = new Path("/hot/spot.bin");
  private static final int BLOCKS = 4;
  private static final int READERS = 3;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final Thread[] readers = new Thread[READERS];

  /** Writes the file onto the site's first DataNode and starts the readers. */
  static HotSpot start(TandemSite site) throws IOException {
    DistributedFileSystem fs = site.fileSystem();
    DataNode target = site.dfs().getDataNodes().get(0);
    InetSocketAddress favored = InetSocketAddress.createUnresolved(target.getDatanodeId().getIpAddr(),
        target.getXferPort());
    byte[] block = new byte[(int) TandemSite.BLOCK_SIZE];
    new Random(5).nextBytes(block);
    fs.mkdirs(FILE.getParent());
    try (FSDataOutputStream out = fs.create(FILE, FsPermission.getFileDefault(), true, 4096, (short) 1,
        TandemSite.BLOCK_SIZE, null, new InetSocketAddress[] {favored})) {
      for (int i = 0; i < BLOCKS; i++) {
        out.write(block);
      }
    }
    HotSpot h = new HotSpot();
    for (int i = 0; i < READERS; i++) {
      long seed = i;
      h.readers[i] = new Thread(() -> h.read(fs, new Random(seed)), "sandbox-hot-reader-" + i);
      h.readers[i].setDaemon(true);
      h.readers[i].start();
    }
    return h;
  }

  private void read(DistributedFileSystem fs, Random random) {
    byte[] buffer = new byte[(int) TandemSite.BLOCK_SIZE];
    try (FSDataInputStream in = fs.open(FILE)) {
      while (running.get()) {
        in.readFully(random.nextInt(BLOCKS) * TandemSite.BLOCK_SIZE, buffer, 0, buffer.length);
        bytesRead.addAndGet(buffer.length);
      }
    } catch (IOException | RuntimeException e) {
      if (running.get()) {
        failure.compareAndSet(null, e.toString());
        LOG.warn("sandbox hot reader stopped", e);
      }
    }
  }

  String summary() {
    return String.format("hot spot: %.0f MiB read from %s", bytesRead.get() / 1048576.0, FILE)
        + (failure.get() == null ? "" : " (a reader failed: " + failure.get() + ")");
  }

  String failure() {
    return failure.get();
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread t : readers) {
      if (t != null) {
        try {
          t.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
