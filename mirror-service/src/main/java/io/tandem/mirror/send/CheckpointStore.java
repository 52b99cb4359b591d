package io.tandem.mirror.send;

import java.util.OptionalLong;

/** Where a volume's sending side keeps the last edit-log transaction the peer acknowledged. */
public interface CheckpointStore {
  /** The last acknowledged transaction id, or empty before the volume's first full copy. */
  OptionalLong load(String volume) throws Exception;

  /** Records that every change up to {@code txid} is stored on the peer; called only after the acknowledgement. */
  void save(String volume, long txid) throws Exception;
}
