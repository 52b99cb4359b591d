package io.tandem.mirror.capture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;

/** A NameNode's edit log as a volume's mirror reads it: the durable queue of changes, in transaction order. */
public interface EditLog {
  /** The NameNode's current transaction id. */
  long currentTxid() throws IOException;

  /** A cursor over the events after {@code lastReadTxid}. */
  Cursor open(long lastReadTxid) throws IOException;

  /** Reads batches of events in transaction order. */
  interface Cursor {
    /**
     * The next batch, or null if none arrives within the timeout.
     *
     * @throws MissingEventsException when the NameNode no longer holds the edits this cursor needs
     */
    EventBatch poll(long timeout, TimeUnit unit) throws IOException, InterruptedException, MissingEventsException;

    /** Rough number of transactions not yet read. */
    long behind();

    /** The transaction id up to which every edit has been returned by {@link #poll} (or makes no event). */
    long readThrough();

    /** Ends a {@link #poll} that is waiting for edits now, so its caller can act on something else sooner. */
    default void wake() {}
  }
}
