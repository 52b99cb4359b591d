package io.tandem.mirror.send;

import java.util.OptionalLong;

/** Where a volume's sending side keeps the last edit-log transaction the peer acknowledged. */
public interface CheckpointStore {
  /** The last acknowledged transaction id, or empty before the volume's first full copy. */
  OptionalLong load(String volume) throws Exception;

  /** Records that every change up to {@code txid} is stored on the peer; called only after the acknowledgement. */
  void save(String volume, long txid) throws Exception;

  /**
   * The transaction id of the last rename the peer acknowledged, 0 when none is known. The checkpoint trails what
   * the peer applied (it is saved at most once a second, and never past a close still waiting to ship), so a
   * replay sends changes again that the peer already has; a rename is the one change that cannot be sent again
   * safely once later ones were applied: its source may hold a new file by then (a log rotation, a swap), which
   * the repeated rename would carry over the old one.
   */
  long renamedThrough(String volume) throws Exception;

  /** Records the last rename the peer acknowledged; called after its acknowledgement, before any later change. */
  void saveRenamedThrough(String volume, long txid) throws Exception;

  /**
   * The epoch of the role term whose first copy of the volume is about to be made, when that term follows a role
   * change: the peer then held the volume as primary and may have written to it, so its state is kept before the
   * copy undoes what differs. Empty for the first copy of a volume whose roles never changed, and when resuming.
   */
  default OptionalLong newRoleTerm(String volume) throws Exception {
    return OptionalLong.empty();
  }
}
