package io.tandem.mirror;

import io.tandem.coord.conf.ZkSettings;
import io.tandem.mirror.link.net.RequestHandler;
import io.tandem.mirror.protocol.MirrorProtocolException;
import io.tandem.mirror.send.VolumeMirror;
import io.tandem.mirror.sync.SyncBarrier;
import io.tandem.mirror.sync.SyncCodec;
import io.tandem.mirror.sync.SyncOutcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers this site's sync clients (SYNC_REQUEST frames): hands each barrier to the mirror of its volume, which
 * answers once the peer acknowledged. Only connections that authenticated as a client of this site are served;
 * a peer site has no business waiting on this site's writes.
 */
final class SyncBarrierHandler implements RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SyncBarrierHandler.class);

  private final SyncCodec codec = new SyncCodec();
  /** The sync volumes this agent sends, filled as their mirrors start. */
  private final Map<String, VolumeMirror> syncMirrors = new ConcurrentHashMap<>();

  void register(VolumeMirror mirror) {
    syncMirrors.put(mirror.volume(), mirror);
  }

  @Override
  public CompletableFuture<byte[]> handle(String peerSite, long epoch, byte[] payload) {
    if (!ZkSettings.CLIENT_SITE_ID.equals(peerSite)) {
      LOG.warn("Refused a sync barrier from site {}: only this site's clients send them", peerSite);
      return answer(new SyncOutcome(SyncOutcome.Status.REFUSED, "sync barriers come from this site's clients, not "
          + "from site " + peerSite));
    }
    SyncBarrier barrier;
    try {
      barrier = codec.decodeBarrier(payload);
    } catch (MirrorProtocolException e) {
      LOG.warn("Refused a malformed sync barrier: {}", e.getMessage());
      return answer(new SyncOutcome(SyncOutcome.Status.REFUSED, e.getMessage()));
    }
    VolumeMirror mirror = syncMirrors.get(barrier.volume());
    if (mirror == null) {
      return answer(new SyncOutcome(SyncOutcome.Status.NOT_SENDING, "volume " + barrier.volume()
          + " is not a sync volume this agent sends (not declared sync, not primary on this site, or the agent"
          + " is not leading)"));
    }
    return mirror.barrier(barrier).thenApply(codec::encode);
  }

  private CompletableFuture<byte[]> answer(SyncOutcome outcome) {
    return CompletableFuture.completedFuture(codec.encode(outcome));
  }
}
