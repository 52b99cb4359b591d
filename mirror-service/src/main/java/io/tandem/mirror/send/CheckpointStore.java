package io.tandem.mirror.send;

import java.util.OptionalLong;

/** Where a volume's sending side keeps the last edit-log transaction the peer acknowledged. */
public interface CheckpointStore {
  /** The last acknowledged transaction id, or empty before the volume's first full copy. */
  OptionalLong load(String volume) throws Exception;

  /** Records that every change up to {@code txid} is stored on the peer; called only after the acknowledgement. */
  void save(String volume, long txid) throws Exception;

  /**
   * The epoch of the role term whose first copy of the volume is about to be made, when that term follows a role
   * change: the peer then held the volume as primary and may have written to it, so its state is kept before the
   * copy undoes what differs. Empty for the first copy of a volume whose roles never changed, and when resuming.
   */
  default OptionalLong newRoleTerm(String volume) throws Exception {
    return OptionalLong.empty();
  }
}
