package io.tandem.mirror.send;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.capture.EditLog;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.junit.jupiter.api.Test;

/**
 * A long outage under load must not grow the sender's heap with the backlog: the edit log is the queue, so while
 * the link is down the mirror only counts, and the replay streams. Half a million changes (new directories and
 * renames, which ship without reading file data) pile up behind a closed link and are then replayed, while the
 * heap in use after a collection is sampled; holding even 100 bytes per change would add about 48 MiB.
 */
class BacklogMemoryTest {
  private static final long CHANGES = 500_000;
  private static final long SLACK_BYTES = 32L << 20;

  /** Makes each event when asked; holds only its position. */
  private static final class SyntheticEditLog implements EditLog {
    final AtomicLong delivered = new AtomicLong();

    @Override
    public long currentTxid() {
      return CHANGES;
    }

    @Override
    public Cursor open(long lastReadTxid) {
      return new Cursor() {
        private long next = lastReadTxid + 1;

        @Override
        public EventBatch poll(long timeout, TimeUnit unit) {
          if (next > CHANGES) {
            return null;
          }
          long txid = next++;
          delivered.incrementAndGet();
          Event e = txid % 2 == 1
              ? new Event.CreateEvent.Builder().iNodeType(Event.CreateEvent.INodeType.DIRECTORY)
                  .path("/vol/d-" + txid).ctime(txid).ownerName("alice").groupName("staff")
                  .perms(new FsPermission((short) 0755)).build()
              : new Event.RenameEvent.Builder().srcPath("/vol/d-" + (txid - 1)).dstPath("/vol/e-" + (txid - 1))
                  .timestamp(txid).build();
          return new EventBatch(txid, new Event[] {e});
        }

        @Override
        public long behind() {
          return CHANGES - next + 1;
        }

        @Override
        public long readThrough() {
          return next - 1;
        }
      };
    }
  }

  /** Acknowledges everything once open; counts what it was sent. */
  private static final class AckingTransport implements MirrorTransport {
    volatile boolean open;
    final AtomicLong calls = new AtomicLong();

    @Override
    public MirrorResponse call(long epoch, MirrorRequest request) throws LinkUnavailableException {
      if (!open) {
        throw new LinkUnavailableException("closed by the test");
      }
      calls.incrementAndGet();
      return MirrorResponse.of(MirrorResponse.Status.APPLIED, null);
    }

    @Override
    public boolean accepting() {
      return open;
    }
  }

  /** Starts with a saved position, so there is no first copy to make. */
  private static final class Checkpoints implements CheckpointStore {
    volatile long saved;

    @Override
    public OptionalLong load(String volume) {
      return OptionalLong.of(saved);
    }

    @Override
    public void save(String volume, long txid) {
      saved = txid;
    }

    @Override
    public long renamedThrough(String volume) {
      return 0;
    }

    @Override
    public void saveRenamedThrough(String volume, long txid) {
      // no renames in this test
    }
  }

  private static long heapAfterCollection(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void halfAMillionChangesQueueAndReplayWithAFlatHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    SyntheticEditLog log = new SyntheticEditLog();
    AckingTransport transport = new AckingTransport();
    Checkpoints checkpoints = new Checkpoints();
    // The mirror never touches HDFS here: the changes need no file data, so its file system is never initialised.
    VolumeEndpoints ends = new VolumeEndpoints("vol", "/vol", "/vol", new DistributedFileSystem());
    long baseline = heapAfterCollection(memory);
    long peak = baseline;
    try (VolumeMirror mirror = new VolumeMirror(ends, transport, checkpoints, log, () -> 1,
        System::currentTimeMillis, 1000)) {
      mirror.start();
      for (long mark : List.of(CHANGES / 4, CHANGES / 2, 3 * CHANGES / 4, CHANGES)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> mirror.stats().backlogEvents() >= mark);
        peak = Math.max(peak, heapAfterCollection(memory));
      }
      assertEquals(CHANGES, mirror.stats().backlogEvents(), "every change behind the closed link is counted");
      assertEquals(0, transport.calls.get());

      transport.open = true;
      for (long mark : List.of(CHANGES / 4, CHANGES / 2, 3 * CHANGES / 4, CHANGES)) {
        await().atMost(Duration.ofSeconds(120)).until(() -> mirror.stats().changesShipped() >= mark);
        peak = Math.max(peak, heapAfterCollection(memory));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.saved == CHANGES);
      assertEquals(CHANGES, transport.calls.get(), "each change shipped once");
    }
    long grown = peak - baseline;
    assertTrue(grown < SLACK_BYTES, "the heap grew by " + (grown >> 20) + " MiB with a backlog of " + CHANGES
        + " changes; it must stay flat (under " + (SLACK_BYTES >> 20) + " MiB)");
  }
}
