package io.tandem.it.mirror;

import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.send.LinkUnavailableException;
import io.tandem.mirror.send.MirrorTransport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers requests straight to a receiver's applier, through the real codec, with a switch to take the "link"
 * down. Isolates the capture/ship/apply pipeline from the network for tests.
 */
final class InProcessTransport implements MirrorTransport {
  final AtomicBoolean up = new AtomicBoolean(true);
  final AtomicLong calls = new AtomicLong();
  final AtomicLong payloadBytes = new AtomicLong();
  /** Paths whose next WRITE is answered FAILED without being applied, as a receiver's HDFS error would be. */
  final Set<String> failNextWriteOf = ConcurrentHashMap.newKeySet();
  private final MirrorCodec codec = new MirrorCodec();
  private final ChangeApplier applier;
  private final String senderSite;

  InProcessTransport(ChangeApplier applier, String senderSite) {
    this.applier = applier;
    this.senderSite = senderSite;
  }

  @Override
  public MirrorResponse call(long epoch, MirrorRequest request) throws LinkUnavailableException {
    if (!up.get()) {
      throw new LinkUnavailableException("test link is down");
    }
    if (request.op == MirrorOp.WRITE && failNextWriteOf.remove(request.path)) {
      return MirrorResponse.of(MirrorResponse.Status.FAILED, "failed by the test");
    }
    byte[] wire = codec.encode(request);
    calls.incrementAndGet();
    payloadBytes.addAndGet(wire.length);
    MirrorResponse r = applier.apply(senderSite, epoch, codec.decodeRequest(wire));
    return codec.decodeResponse(codec.encode(r));
  }

  @Override
  public boolean accepting() {
    return up.get();
  }
}
