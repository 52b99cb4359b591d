package io.tandem.mirror.send;

import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;

/** Carries a volume's requests to the peer, one at a time, in order. */
public interface MirrorTransport {
  /**
   * Sends one request and waits for the peer's answer.
   *
   * @param epoch the volume's epoch, which the receiver checks against its own
   * @throws LinkUnavailableException when the link does not carry traffic now; the caller stops, and replays from
   *     its checkpoint once the link is back
   */
  MirrorResponse call(long epoch, MirrorRequest request) throws LinkUnavailableException, InterruptedException;

  /** True when a call would be sent now (link UP or replaying its backlog). */
  boolean accepting();
}
