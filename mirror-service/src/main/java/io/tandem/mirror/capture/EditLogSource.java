package io.tandem.mirror.capture;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;

/**
 * The NameNode's edit log read through inotify: the durable queue of every volume's changes. Reading needs HDFS
 * superuser rights, which the agent has inside the NameNode.
 */
public final class EditLogSource implements EditLog {
  private final HdfsAdmin admin;
  private final DistributedFileSystem fs;

  public EditLogSource(DistributedFileSystem fs, Configuration conf) throws IOException {
    this.fs = fs;
    this.admin = new HdfsAdmin(URI.create(fs.getUri().toString()), conf);
  }

  /** The NameNode's current transaction id: where a fresh volume starts reading after its first full copy. */
  @Override
  public long currentTxid() throws IOException {
    return fs.getClient().getNamenode().getCurrentEditLogTxid();
  }

  @Override
  public EditLog.Cursor open(long lastReadTxid) throws IOException {
    return new InotifyCursor(admin.getInotifyEventStream(lastReadTxid));
  }

  /**
   * The inotify stream of the NameNode, polled with its own waits (5 ms doubling to 100 ms between empty reads, as
   * HDFS's timed poll does) so that {@link #wake} can end a wait at once: a sync barrier is not held by an idle poll.
   * An empty read costs the NameNode little: it answers from its synced txid without opening the edit log.
   */
  private static final class InotifyCursor implements EditLog.Cursor {
    private static final long FIRST_WAIT_MS = 5;
    private static final long LONGEST_WAIT_MS = 100;

    private final DFSInotifyEventInputStream stream;
    private final Object waiting = new Object();
    private boolean woken;

    InotifyCursor(DFSInotifyEventInputStream stream) {
      this.stream = stream;
    }

    @Override
    public EventBatch poll(long timeout, TimeUnit unit)
        throws IOException, InterruptedException, MissingEventsException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      long waitMs = FIRST_WAIT_MS;
      while (true) {
        EventBatch b = stream.poll();
        if (b != null) {
          return b;
        }
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMs <= 0) {
          return null;
        }
        synchronized (waiting) {
          if (!woken) {
            waiting.wait(Math.min(leftMs, waitMs));
          }
          if (woken) {
            woken = false;
            return null;
          }
        }
        waitMs = Math.min(LONGEST_WAIT_MS, waitMs * 2);
      }
    }

    @Override
    public void wake() {
      synchronized (waiting) {
        woken = true;
        waiting.notifyAll();
      }
    }

    @Override
    public long behind() {
      return stream.getTxidsBehindEstimate();
    }
  }
}
