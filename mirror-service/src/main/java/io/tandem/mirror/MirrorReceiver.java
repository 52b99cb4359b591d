package io.tandem.mirror;

import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.link.net.LinkServer;
import io.tandem.mirror.link.net.LinkTransportConfig;
import io.tandem.mirror.link.net.RequestRoutes;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.protocol.MirrorProtocolException;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side: the link server on the one port peers reach, decoding mirror requests and applying them to
 * this site's HDFS on a small pool of apply threads. A request that
 * cannot even be decoded is answered REFUSED and logged; the server keeps serving.
 */
final class MirrorReceiver implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorReceiver.class);

  static final int APPLY_THREADS = 8;

  private final ChangeApplier applier;
  private final MirrorCodec codec = new MirrorCodec();
  private final ExecutorService applyThread;
  private final LinkServer server;
  final AtomicLong applied = new AtomicLong();
  final AtomicLong refused = new AtomicLong();

  MirrorReceiver(InetSocketAddress listen, LinkTransportConfig config, LinkAuthenticator auth, ChangeApplier applier,
      io.tandem.mirror.link.net.LinkTls tls, java.util.function.LongSupplier epoch, SyncBarrierHandler syncBarriers) {
    this.applier = applier;
    // Several apply threads: a sender only overlaps requests that commute (new files, each in its own staging
    // file) and waits for them before anything else, so each volume's changes still land in order.
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.applyThread = Executors.newFixedThreadPool(APPLY_THREADS, r -> {
      Thread t = new Thread(r, "tandem-mirror-apply-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = LinkServer.builder(listen, config, auth, RequestRoutes.of(this::handle)
        .with(io.tandem.mirror.wire.FrameType.SYNC_REQUEST, io.tandem.mirror.wire.FrameType.SYNC_RESPONSE, syncBarriers))
        .tls(tls).localEpoch(epoch)
        .build();
  }

  void start() throws IOException {
    server.start();
    LOG.info("Mirror receiver listening on {}", server.boundAddress());
  }

  InetSocketAddress boundAddress() {
    return server.boundAddress();
  }

  private CompletableFuture<byte[]> handle(String peerSite, long epoch, byte[] payload) {
    try {
      return CompletableFuture.supplyAsync(() -> codec.encode(apply(peerSite, epoch, payload)), applyThread);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(codec.encode(MirrorResponse.of(MirrorResponse.Status.FAILED, "receiver closing")));
    }
  }

  private MirrorResponse apply(String peerSite, long epoch, byte[] payload) {
    MirrorRequest request;
    try {
      request = codec.decodeRequest(payload);
    } catch (MirrorProtocolException e) {
      refused.incrementAndGet();
      LOG.warn("Refused a malformed mirror request from {}: {}", peerSite, e.getMessage());
      return MirrorResponse.of(MirrorResponse.Status.REFUSED, e.getMessage());
    }
    MirrorResponse r = applier.apply(peerSite, epoch, request);
    (r.status == MirrorResponse.Status.REFUSED ? refused : applied).incrementAndGet();
    return r;
  }

  @Override
  public void close() {
    server.close();
    applyThread.shutdown();
    try {
      if (!applyThread.awaitTermination(30, TimeUnit.SECONDS)) {
        applyThread.shutdownNow();
      }
    } catch (InterruptedException e) {
      applyThread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    applier.close();
  }
}
