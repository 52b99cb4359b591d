package io.tandem.mirror.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A client and a server pipeline, each a full link pipeline (codec, auth, recorder, error handler) in an
 * {@link EmbeddedChannel}, joined by {@link #pump()}, which carries bytes both ways until both are quiet.
 */
final class EmbeddedLink implements AutoCloseable {
  static final int MAX_FRAME = 64 * 1024;

  final EmbeddedChannel client = new EmbeddedChannel();
  final EmbeddedChannel server = new EmbeddedChannel();
  final Recorder clientSeen = new Recorder();
  final Recorder serverSeen = new Recorder();

  EmbeddedLink(LinkAuthenticator clientAuth, String expectedServerSite, LinkAuthenticator serverAuth,
      long handshakeTimeoutMs) {
    LinkPipelines.initServer(server.pipeline(), serverAuth, MAX_FRAME, handshakeTimeoutMs);
    server.pipeline().addBefore(LinkPipelines.ERRORS, "recorder", serverSeen);
    LinkPipelines.initClient(client.pipeline(), clientAuth, expectedServerSite, MAX_FRAME, handshakeTimeoutMs);
    client.pipeline().addBefore(LinkPipelines.ERRORS, "recorder", clientSeen);
  }

  /** Carries bytes both ways until neither side has anything more to send. */
  EmbeddedLink pump() {
    boolean moved = true;
    while (moved) {
      moved = carry(client, server) | carry(server, client);
    }
    return this;
  }

  /** Closes both channels and releases the bytes neither side read. */
  @Override
  public void close() {
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
    from.runPendingTasks();
    boolean moved = false;
    for (ByteBuf buf = from.readOutbound(); buf != null; buf = from.readOutbound()) {
      moved = true;
      if (to.isOpen()) {
        to.writeInbound(buf);
      } else {
        buf.release();
      }
    }
    return moved;
  }
}
