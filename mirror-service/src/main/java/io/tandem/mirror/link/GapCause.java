package io.tandem.mirror.link;

/** Why a gap was declared: which direction of the link failed. */
public enum GapCause {
  /** No heartbeat from the peer arrived within the timeout; its reports on the other direction stopped with it. */
  PEER_SILENT,
  /**
   * The peer's heartbeats arrive, but the latest one echoes no heartbeat of ours sent within the timeout before it
   * arrived (or none at all): the peer does not hear us.
   */
  PEER_NOT_HEARING_US
}
