package io.tandem.migrate.load.trace;

/** A DataNode's subscription to its client-trace reads; closing it detaches from the log when it was the last. */
public interface TraceSubscription extends AutoCloseable {
  /** True while reads are being delivered: the log backend is tapped and the trace logger passes reads. */
  boolean receiving();

  /** Why reads are not delivered, or null while they are (or when none were asked for). */
  String problem();

  /** Re-reads what the log configuration looks like now (called off the logging path, once per report). */
  void refresh();

  @Override
  void close();

  /** No subscription, where none is wanted: nothing delivered and nothing wrong. */
  static TraceSubscription none() {
    return inactive(null);
  }

  /** A subscription that never delivers, for a backend that cannot be tapped. */
  static TraceSubscription inactive(String problem) {
    return new TraceSubscription() {
      @Override
      public boolean receiving() {
        return false;
      }

      @Override
      public String problem() {
        return problem;
      }

      @Override
      public void refresh() {
      }

      @Override
      public void close() {
      }
    };
  }
}
