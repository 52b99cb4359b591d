package io.tandem.mirror.verify;

import io.tandem.mirror.client.LinkRequestClient;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import java.io.IOException;
import java.util.List;

/** A volume on the peer site, listed by its agent over the link (the one port that crosses between sites). */
public final class LinkSide implements TreeSide {
  private static final long REQUEST_TIMEOUT_MS = 600_000;

  private final LinkRequestClient client;
  private final MirrorCodec codec = new MirrorCodec();
  private final String volume;
  private final String remoteRoot;
  private final String peerSite;
  private final long epoch;

  public LinkSide(LinkRequestClient client, String volume, String remoteRoot, String peerSite, long epoch) {
    this.client = client;
    this.volume = volume;
    this.remoteRoot = remoteRoot;
    this.peerSite = peerSite;
    this.epoch = epoch;
  }

  @Override
  public List<ListedEntry> list(String rel) throws IOException {
    MirrorRequest r = MirrorRequest.builder(MirrorOp.LIST, volume, remoteRoot, 0, 0).path(rel).withChecksums(true).build();
    MirrorResponse resp;
    try {
      resp = codec.decodeResponse(client.call(epoch, codec.encode(r), REQUEST_TIMEOUT_MS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing " + rel + " on " + peerSite, e);
    }
    if (resp.status == MirrorResponse.Status.REFUSED || resp.status == MirrorResponse.Status.FAILED) {
      throw new IOException(peerSite + " could not list " + (rel.isEmpty() ? "/" : rel) + ": " + resp.message);
    }
    return "missing".equals(resp.message) ? null : resp.entries;
  }

  @Override
  public String describe() {
    return peerSite + ":" + remoteRoot;
  }
}
