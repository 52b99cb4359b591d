package io.tandem.mirror.ship;

import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.MirrorTransport;
import java.util.concurrent.CompletableFuture;

/**
 * A ship's transport: a step refused because the ship is granted to another source ends the ship at once with
 * {@link ShipClaimLostException}, instead of being retried like other refusals.
 */
final class ClaimedTransport implements MirrorTransport {
  private final MirrorTransport inner;
  private final String destination;

  ClaimedTransport(MirrorTransport inner, String destination) {
    this.inner = inner;
    this.destination = destination;
  }

  @Override
  public MirrorResponse call(long epoch, MirrorRequest request) throws LinkUnavailableException, InterruptedException {
    return checked(request, inner.call(epoch, request));
  }

  @Override
  public CompletableFuture<MirrorResponse> callAsync(long epoch, MirrorRequest request) {
    return inner.callAsync(epoch, request).thenApply(r -> checked(request, r));
  }

  private MirrorResponse checked(MirrorRequest request, MirrorResponse r) {
    if (r.status == MirrorResponse.Status.REFUSED && r.claim != null) {
      throw new ShipClaimLostException(destination + " refused " + request + ": " + r.claim.describe());
    }
    return r;
  }

  @Override
  public boolean accepting() {
    return inner.accepting();
  }
}
