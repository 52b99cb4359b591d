package io.tandem.hadoop.sync;

import java.io.IOException;

/**
 * A sync write under {@code sync.on-link-down=fail} that the peer did not acknowledge. The change itself is stored
 * on this site (HDFS applied it before Tandem asked the peer) and reaches the peer through the async path once the
 * link is back: the caller learns that it is not yet on both sites, not that it is lost.
 */
public final class SyncNotAcknowledgedException extends IOException {
  private static final long serialVersionUID = 1L;

  public SyncNotAcknowledgedException(String message) {
    super(message);
  }

  public SyncNotAcknowledgedException(String message, Throwable cause) {
    super(message, cause);
  }
}
