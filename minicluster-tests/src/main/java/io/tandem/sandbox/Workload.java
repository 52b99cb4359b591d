package io.tandem.sandbox;

import io.tandem.it.harness.TandemSite;
import java.io.Closeable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's small steady workload: a writer per site creating files of a few KiB to a few MiB in the volume the
 * site is primary for ({@code /logs} on site-a, {@code /events} on site-b), several per second, and appending to a
 * long-lived log file; a sync writer on site-a (see {@link #writeSync}), files into the shipped volume
 * {@code /archive}, and readers making one of site-a's DataNodes hot ({@link HotSpot}); bounded in count so a long
 * run does not fill the disk.
 */
final class Workload implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Workload.class);
  private static final int FILES_KEPT = 200;
  private static final long PAUSE_MS = 250;

  private final List<TandemSite> sites;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong syncWrites = new AtomicLong();
  private final AtomicReference<HotSpot> hotSpot = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Thread[] writers;
  private volatile boolean running = true;
  private final long startNs = System.nanoTime();

  Workload(List<TandemSite> sites) {
    this.sites = List.copyOf(sites);
    this.writers = new Thread[sites.size() + 2];
  }

  void start() {
    for (int i = 0; i < sites.size(); i++) {
      TandemSite site = sites.get(i);
      writers[i] = new Thread(() -> write(site), "sandbox-writer-" + site.siteId());
      writers[i].setDaemon(true);
      writers[i].start();
    }
    writers[sites.size()] = new Thread(() -> writeSync(sites.get(0)), "sandbox-sync-writer");
    writers[sites.size()].setDaemon(true);
    writers[sites.size()].start();
    writers[sites.size() + 1] = new Thread(() -> writeArchive(sites.get(0)), "sandbox-archive-writer");
    writers[sites.size() + 1].setDaemon(true);
    writers[sites.size() + 1].start();
    try {
      hotSpot.set(HotSpot.start(sites.get(0)));
    } catch (java.io.IOException e) {
      errors.incrementAndGet();
      lastError.set("hot spot: " + e);
      LOG.warn("sandbox hot spot did not start", e);
    }
  }

  /**
   * Files into the shipped volume {@code /archive} on site-a, a few a second: its scheduled snapshots ship to
   * site-b as deltas.
   */
  private void writeArchive(TandemSite site) {
    long n = 0;
    try {
      FileSystem fs = site.fileSystem();
      Path dir = new Path("/archive");
      fs.mkdirs(dir);
      byte[] data = new byte[32 * 1024];
      Random random = new Random(9);
      while (running) {
        random.nextBytes(data);
        try (FSDataOutputStream o = fs.create(new Path(dir, "part-" + (n++ % FILES_KEPT)), true)) {
          o.write(data);
        }
        bytes.addAndGet(data.length);
        synchronized (this) {
          wait(PAUSE_MS * 4);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        errors.incrementAndGet();
        lastError.set("archive writer: " + e);
        LOG.warn("sandbox archive writer stopped", e);
      }
    }
  }

  /**
   * The sync writer on site-a: a ledger in the sync volume {@code /ledger} written through TandemFileSystem, one
   * hflushed entry at a time (each returns once site-b holds it), plus a small closed file per entry.
   */
  private void writeSync(TandemSite site) {
    Configuration c = new Configuration(site.conf());
    c.set("fs.hdfs.impl", "io.tandem.hadoop.TandemFileSystem");
    c.setBoolean("fs.hdfs.impl.disable.cache", true);
    long n = 0;
    try (FileSystem fs = FileSystem.get(c)) {
      Path dir = new Path("/ledger");
      fs.mkdirs(dir);
      try (FSDataOutputStream ledger = fs.create(new Path(dir, "ledger.log"), true)) {
        while (running) {
          byte[] entry = ("entry " + (++n) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ledger.write(entry);
          ledger.hflush();
          try (FSDataOutputStream o = fs.create(new Path(dir, "entry-" + (n % FILES_KEPT)), true)) {
            o.write(entry);
          }
          syncWrites.addAndGet(2);
          bytes.addAndGet(2L * entry.length);
          synchronized (this) {
            wait(PAUSE_MS);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        errors.incrementAndGet();
        lastError.set("sync writer: " + e);
        LOG.warn("sandbox sync writer stopped", e);
      }
    }
  }

  private void write(TandemSite site) {
    Random random = new Random(site.siteId().hashCode());
    byte[] buffer = new byte[64 * 1024];
    long n = 0;
    try {
      FileSystem fs = site.fileSystem();
      Path dir = new Path(site.siteId().equals("site-a") ? "/logs" : "/events");
      fs.mkdirs(dir);
      while (running) {
        Path file = new Path(dir, "file-" + (n % FILES_KEPT));
        long size = 4096L << random.nextInt(10); // 4 KiB to 2 MiB
        try (FSDataOutputStream o = fs.create(file, true)) {
          for (long written = 0; written < size; written += buffer.length) {
            random.nextBytes(buffer);
            o.write(buffer, 0, (int) Math.min(buffer.length, size - written));
          }
        }
        n++;
        files.incrementAndGet();
        bytes.addAndGet(size);
        Path journal = new Path(dir, "journal.log");
        byte[] line = ("entry " + n + " of " + site.siteId() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (FSDataOutputStream j = fs.exists(journal) ? fs.append(journal) : fs.create(journal)) {
          j.write(line);
        }
        bytes.addAndGet(line.length);
        synchronized (this) {
          wait(PAUSE_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        errors.incrementAndGet();
        lastError.set(site.siteId() + ": " + e);
        LOG.warn("sandbox writer on {} stopped", site.siteId(), e);
      }
    }
  }

  String summary() {
    double secs = Math.max(0.001, (System.nanoTime() - startNs) / 1e9);
    HotSpot h = hotSpot.get();
    return String.format("workload: %d files, %.1f MiB written (%.2f MiB/s), %d sync writes", files.get(),
        bytes.get() / 1048576.0, bytes.get() / 1048576.0 / secs, syncWrites.get()) + (h == null ? "" : "; " + h.summary());
  }

  long errors() {
    HotSpot h = hotSpot.get();
    return errors.get() + (h != null && h.failure() != null ? 1 : 0);
  }

  String lastError() {
    return lastError.get();
  }

  @Override
  public void close() {
    HotSpot h = hotSpot.getAndSet(null);
    if (h != null) {
      h.close();
    }
    running = false;
    synchronized (this) {
      notifyAll();
    }
    for (Thread t : writers) {
      if (t == null) {
        continue;
      }
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
