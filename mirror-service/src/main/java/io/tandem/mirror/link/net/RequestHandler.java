package io.tandem.mirror.link.net;

import java.util.concurrent.CompletableFuture;

/** What the receiving agent does with one request that arrived over the link. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Called on the connection's I/O thread, in the order the requests of that connection arrived: start the work and
   * return at once. The future's value is the response payload (null counts as empty); a failed future, or an
   * exception thrown here, is sent back as a failed response and the connection stays open.
   *
   * @param peerSite the authenticated site id of the sender
   * @param epoch the epoch the request carries (a receiver refuses one lower than the volume's)
   * @param payload the request's bytes as they arrived, not a copy: read them, never write to them
   */
  CompletableFuture<byte[]> handle(String peerSite, long epoch, byte[] payload);
}
