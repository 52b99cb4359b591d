package io.tandem.mirror.link.net;

import io.tandem.mirror.wire.Frame;
import java.util.concurrent.CompletableFuture;

/** One request on its way to the peer: its frame and the future its caller holds. Completes once, by whoever first. */
final class OutboundRequest {
  private final Frame frame;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();

  OutboundRequest(Frame frame) {
    this.frame = frame;
  }

  long seq() {
    return frame.seq();
  }

  Frame frame() {
    return frame;
  }

  CompletableFuture<byte[]> result() {
    return result;
  }

  boolean isDone() {
    return result.isDone();
  }

  void succeed(byte[] payload) {
    result.complete(payload);
  }

  void fail(Throwable problem) {
    result.completeExceptionally(problem);
  }
}
