package io.tandem.mirror.ship;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.record.VolumeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One (volume, destination) pair this site ships: from the primary to the volume's peer and to its onward sites;
 * from a replica to its onward sites only (never back to the primary). Each has its own ship record, so the ships
 * of a cascade (A to B, B to C, A to C) never share one.
 */
public final class ShipRoute {
  private final VolumeSettings volume;
  private final String destination;

  private ShipRoute(VolumeSettings volume, String destination) {
    this.volume = Objects.requireNonNull(volume);
    this.destination = Objects.requireNonNull(destination);
  }

  /** The routes of a volume for its role here (none when it has no role). */
  public static List<ShipRoute> of(VolumeSettings v, VolumeRole.Role role) {
    List<ShipRoute> out = new ArrayList<>();
    if (role == VolumeRole.Role.PRIMARY && v.peer() != null) {
      out.add(new ShipRoute(v, v.peer()));
    }
    if (role != null) {
      for (String site : v.onward()) {
        out.add(new ShipRoute(v, site));
      }
    }
    return out;
  }

  /** The route of the volume to {@code destination} whatever the role, or null when the volume has none there. */
  public static ShipRoute to(VolumeSettings v, String destination) {
    boolean known = destination.equals(v.peer()) || v.onward().contains(destination);
    return known ? new ShipRoute(v, destination) : null;
  }

  public VolumeSettings volume() {
    return volume;
  }

  public String destination() {
    return destination;
  }

  /** True for the route to the volume's peer (from its primary). */
  public boolean toPeer() {
    return destination.equals(volume.peer());
  }

  /**
   * The volume's directory at the destination as this site knows it: the peer's {@code remote.path}; unknown (the
   * destination's own {@code path} is used) for onward sites.
   */
  String remoteRoot() {
    return toPeer() ? volume.remotePath() : null;
  }

  /**
   * The name of the route in stats, status and metrics: the volume's name for its peer (as before cascades), and
   * {@code <volume>-><site>} for an onward site.
   */
  public String key() {
    return toPeer() ? volume.name() : volume.name() + "->" + destination;
  }

  /** The ship record: {@code /<site>/volumes/<v>/ship} for the peer, {@code .../onward/<site>/ship} otherwise. */
  public String recordPath(ZnodePaths paths) {
    return toPeer() ? paths.volumeShip(volume.name()) : paths.volumeOnwardShip(volume.name(), destination);
  }

  /** Where {@code tandem snapshot ship} asks for a ship on this route. */
  public String requestPath(ZnodePaths paths) {
    return toPeer() ? paths.volumeShipRequest(volume.name())
        : paths.volumeOnwardShipRequest(volume.name(), destination);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShipRoute && ((ShipRoute) o).volume.name().equals(volume.name())
        && ((ShipRoute) o).destination.equals(destination);
  }

  @Override
  public int hashCode() {
    return Objects.hash(volume.name(), destination);
  }

  @Override
  public String toString() {
    return "volume " + volume.name() + " to " + destination;
  }
}
