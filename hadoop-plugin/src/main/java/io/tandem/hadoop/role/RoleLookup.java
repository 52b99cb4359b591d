package io.tandem.hadoop.role;

import io.tandem.coord.record.VolumeRole;

/** A volume's current role on this site. */
public interface RoleLookup {
  /** The role, or null for a volume without a peer (no role). */
  VolumeRole.Role role(String volume);

  /** The epoch of the volume's last role change as known here; 0 when not yet read. */
  long epoch(String volume);
}
