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

  /** The inotify stream of the NameNode. */
  private static final class InotifyCursor implements EditLog.Cursor {
    private final DFSInotifyEventInputStream stream;

    InotifyCursor(DFSInotifyEventInputStream stream) {
      this.stream = stream;
    }

    /**
     * The next batch, or null if none arrives within the timeout.
     *
     * @throws MissingEventsException when the NameNode no longer holds the edits this cursor needs
     */
    @Override
    public EventBatch poll(long timeout, TimeUnit unit)
        throws IOException, InterruptedException, MissingEventsException {
      return stream.poll(timeout, unit);
    }

    @Override
    public long behind() {
      return stream.getTxidsBehindEstimate();
    }
  }
}
