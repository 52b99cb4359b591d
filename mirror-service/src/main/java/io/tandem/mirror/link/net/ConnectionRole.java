package io.tandem.mirror.link.net;

/** What a connection of a {@link PeerLink} is for, as the link's state decides. */
public enum ConnectionRole {
  /** Not wanted: closed, not re-dialled. */
  OFF,
  /**
   * The probe while the link is CONNECTING, DOWN or on PROBATION: kept open (re-dialled when it fails) to carry the
   * heartbeats that show the link returning; carries no requests.
   */
  HEARTBEATS_ONLY,
  /** REPLAYING or UP: carries requests as well as heartbeats. */
  REQUESTS
}
