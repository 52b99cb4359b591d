/**
 * The link's transport: real sockets under the pure {@link io.tandem.mirror.link.LinkStateMachine}.
 *
 * <p><b>Roles.</b> A {@link io.tandem.mirror.link.net.LinkServer} listens on the one port that crosses between
 * sites; a {@link io.tandem.mirror.link.net.PeerLink} is the sending agent's link to one peer site. Mirroring in
 * both directions runs one of each on each site. Every connection authenticates with the shared secret (inside TLS
 * when {@code tandem.link.tls.enabled}, see {@link io.tandem.mirror.link.net.LinkTls}) before any frame of another
 * kind is accepted.
 *
 * <p><b>Heartbeats</b> (payload: {@link io.tandem.mirror.link.net.HeartbeatPayload}; the frame carries the sender's
 * epoch). Each open connection of a {@code PeerLink} sends one every {@code tandem.link.heartbeat.interval.ms}; the
 * server answers each at once with its own, echoing the send time it received, so every answer is both the peer's
 * heartbeat and a round-trip measurement. By link state:
 *
 * <pre>
 *   CONNECTING, DOWN, PROBATION   connection 0 only (the probe), re-dialled with backoff; heartbeats only;
 *                                 send() fails at once with LinkDownException
 *   REPLAYING, UP                 all n connections; heartbeats on each; requests routed by ordering key
 *   any gap (-&gt; DOWN)            every connection closed, the probe too; requests in flight fail with
 *                                 LinkDownException; the probe re-dials
 * </pre>
 *
 * All answers feed the link's one state machine, which decides DOWN, PROBATION, REPLAYING and UP. Each side also
 * watches each connection. The server closes a connection on which nothing arrived for longer than
 * {@code tandem.link.heartbeat.timeout.ms}: the receiving side's "stale heartbeat, no requests" rule. A
 * {@code PeerLink} connection closes itself (and is re-dialled) after twice that, so one stuck socket is replaced
 * while the others keep the link healthy, and a silence of the whole link is always the link's gap first.
 *
 * <p><b>Requests</b> are REQUEST frames answered by RESPONSE frames with the same seq and epoch; flag bit 0x01 on a
 * RESPONSE means the peer's handler failed and the payload is its reason ({@code ResponseFrames}). The server
 * dispatches by frame type through {@link io.tandem.mirror.link.net.RequestRoutes}, so the proxy path can add its own
 * request type on the same port.
 */
package io.tandem.mirror.link.net;
