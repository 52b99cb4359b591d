package io.tandem.mirror.apply;

import java.util.Optional;

/**
 * Decides whether this site accepts changes to a volume right now: it must hold the volume as REPLICA, and the
 * request's epoch must not be lower than the volume's current epoch (a deposed primary is fenced off).
 */
public interface VolumeGate {
  /** Accepts everything: for tests of the apply logic alone. */
  VolumeGate OPEN = (volume, epoch) -> Optional.empty();

  /** Why a change at {@code epoch} to {@code volume} is refused, or empty to accept it. */
  Optional<String> refusal(String volume, long epoch);
}
