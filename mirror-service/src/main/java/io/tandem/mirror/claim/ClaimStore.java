package io.tandem.mirror.claim;

import java.util.Optional;

/** Where a destination keeps the claims on its volumes across leaders (ZooKeeper; memory in tests). */
public interface ClaimStore {
  /** The state last saved for the volume, its holder's lease starting at {@code nowMs}; empty if none. */
  Optional<ClaimState> load(String volume, long nowMs) throws Exception;

  /** Saves the parts of {@code state} that outlive a leader. */
  void save(String volume, ClaimState state, long nowMs) throws Exception;
}
