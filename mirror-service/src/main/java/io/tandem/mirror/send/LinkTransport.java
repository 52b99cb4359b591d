package io.tandem.mirror.send;

import io.tandem.mirror.link.net.LinkDownException;
import io.tandem.mirror.link.net.PeerLink;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A volume's requests over the peer link, on the connection its volume name picks (so they stay in order). */
public final class LinkTransport implements MirrorTransport {
  private final PeerLink link;
  private final MirrorCodec codec;
  private final int orderingKey;

  public LinkTransport(PeerLink link, MirrorCodec codec, String volume) {
    this.link = link;
    this.codec = codec;
    this.orderingKey = volume.hashCode();
  }

  @Override
  public MirrorResponse call(long epoch, MirrorRequest request) throws LinkUnavailableException, InterruptedException {
    if (!link.acceptsRequests()) {
      throw new LinkUnavailableException("link to " + link.peerSite() + " is " + link.state().phase());
    }
    CompletableFuture<byte[]> reply = send(epoch, request);
    try {
      return codec.decodeResponse(reply.get());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LinkDownException || !link.acceptsRequests()) {
        throw new LinkUnavailableException("link to " + link.peerSite() + " went down during " + request, cause);
      }
      // The peer could not handle it (its handler failed, or the request timed out on a live link): retry later.
      return MirrorResponse.of(MirrorResponse.Status.FAILED, String.valueOf(cause));
    }
  }

  @Override
  public CompletableFuture<MirrorResponse> callAsync(long epoch, MirrorRequest request) {
    if (!link.acceptsRequests()) {
      CompletableFuture<MirrorResponse> f = new CompletableFuture<>();
      f.completeExceptionally(new LinkUnavailableException("link to " + link.peerSite() + " is " + link.state().phase()));
      return f;
    }
    return send(epoch, request).handle((bytes, failure) -> {
      if (failure == null) {
        return codec.decodeResponse(bytes);
      }
      Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
      if (cause instanceof LinkDownException || !link.acceptsRequests()) {
        throw new java.util.concurrent.CompletionException(
            new LinkUnavailableException("link to " + link.peerSite() + " went down during " + request, cause));
      }
      return MirrorResponse.of(MirrorResponse.Status.FAILED, String.valueOf(cause));
    });
  }

  @Override
  public boolean accepting() {
    return link.acceptsRequests();
  }

  /** The request's header, then its content straight from the array it was read into. */
  private CompletableFuture<byte[]> send(long epoch, MirrorRequest request) {
    return link.send(epoch, codec.encodeHead(request), request.dataArray(), request.dataOffset(),
        request.dataLength(), orderingKey);
  }
}
