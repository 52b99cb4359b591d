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

  /**
   * Sends one request without waiting, for changes the sender knows to be independent of every other change in
   * flight (new files of a single chunk). The future fails with {@link LinkUnavailableException} when the link is
   * down. This default waits, for transports that cannot overlap requests.
   */
  default java.util.concurrent.CompletableFuture<MirrorResponse> callAsync(long epoch, MirrorRequest request) {
    java.util.concurrent.CompletableFuture<MirrorResponse> f = new java.util.concurrent.CompletableFuture<>();
    try {
      f.complete(call(epoch, request));
    } catch (LinkUnavailableException e) {
      f.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.completeExceptionally(e);
    }
    return f;
  }

  /** True when a call would be sent now (link UP or replaying its backlog). */
  boolean accepting();
}
