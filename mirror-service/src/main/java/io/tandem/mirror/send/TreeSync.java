package io.tandem.mirror.send;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.VolumePaths;
import io.tandem.mirror.read.AttributeReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.util.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a subtree on the peer equal to the local one: compares listings, lengths and (optionally) COMPOSITE_CRC
 * checksums, copies what differs, deletes what the peer has extra, and gives every file and directory it keeps its
 * attributes whole (permission, owner, ACL, xattrs, and a file's times and replication). Used for the first copy of a volume, after an
 * outage longer than the NameNode keeps edits, and for subtrees that move into the volume.
 */
final class TreeSync {
  private static final Logger LOG = LoggerFactory.getLogger(TreeSync.class);

  private final VolumeEndpoints volume;
  private final RetryingSender sender;
  private final FileShipper files;
  private final RemoteLengths remote;
  private final boolean compareChecksums;
  /** Attribute requests of files whose bytes already match, sent and not yet answered, oldest first. */
  private final ArrayDeque<PendingAttributes> attributesInFlight = new ArrayDeque<>();
  /** How many of those may be in flight at once: a resync of many unchanged files is not one round trip each. */
  static final int ATTRIBUTES_IN_FLIGHT = 64;

  TreeSync(VolumeEndpoints volume, RetryingSender sender, FileShipper files, RemoteLengths remote,
      boolean compareChecksums) {
    this.volume = volume;
    this.sender = sender;
    this.files = files;
    this.remote = remote;
    this.compareChecksums = compareChecksums;
  }

  /** Reconciles {@code rel}; returns how many files it copied. */
  int sync(String rel, long txid) throws IOException, LinkUnavailableException, InterruptedException {
    int copied;
    try {
      copied = syncTree(rel, txid);
    } catch (Exception e) {
      attributesInFlight.clear(); // the session ends with the sync unfinished; the next one does it again
      throw e;
    }
    settleAttributes(0);
    return copied;
  }

  private int syncTree(String rel, long txid) throws IOException, LinkUnavailableException, InterruptedException {
    FileStatus local = statusOrNull(rel);
    MirrorResponse listing = sender.send(volume.request(MirrorOp.LIST, txid, 0, rel).withChecksums(compareChecksums).build());
    boolean remoteMissing = "missing".equals(listing.message);
    if (local == null) {
      if (!remoteMissing) {
        delete(rel, txid);
      }
      return 0;
    }
    if (local.isFile()) {
      ListedEntry peer = remoteMissing || listing.entries.isEmpty() ? null : listing.entries.get(0);
      return syncFile(rel, local, peer, txid);
    }
    if (!remoteMissing && listing.entries.size() == 1 && "".equals(listing.entries.get(0).name)) {
      delete(rel, txid); // the peer has a file where we have a directory
      remoteMissing = true;
    }
    return syncDirectory(rel, local, remoteMissing ? Map.of() : byName(listing), txid);
  }

  private int syncDirectory(String rel, FileStatus local, Map<String, ListedEntry> peer, long txid)
      throws IOException, LinkUnavailableException, InterruptedException {
    sender.send(volume.request(MirrorOp.MKDIRS, txid, 0, rel)
        .attributes(AttributeReader.whole(volume.fs(), volume.local(rel), local)).build());
    int copied = 0;
    Map<String, ListedEntry> extra = new HashMap<>(peer);
    for (FileStatus child : volume.fs().listStatus(volume.local(rel))) {
      String name = child.getPath().getName();
      if (rel.isEmpty() && name.equals(VolumePaths.RESERVED)) {
        continue;
      }
      String childRel = rel.isEmpty() ? name : rel + "/" + name;
      ListedEntry theirs = extra.remove(name);
      if (child.isDirectory()) {
        if (theirs != null && !theirs.directory) {
          delete(childRel, txid);
        }
        copied += syncTree(childRel, txid);
      } else {
        if (theirs != null && theirs.directory) {
          delete(childRel, txid);
          theirs = null;
        }
        copied += syncFile(childRel, child, theirs, txid);
      }
    }
    for (String name : extra.keySet()) {
      delete(rel.isEmpty() ? name : rel + "/" + name, txid);
    }
    return copied;
  }

  private int syncFile(String rel, FileStatus local, ListedEntry peer, long txid)
      throws IOException, LinkUnavailableException, InterruptedException {
    if (peer != null && !peer.directory && peer.length == local.getLen()
        && (!compareChecksums || peer.checksum == null || peer.checksum.equals(checksum(rel)))) {
      remote.put(rel, peer.length);
      // The same bytes, but maybe not the same attributes: changes of those alone are in the edits this resync
      // stands in for. The peer sets only what differs; one request per file, so they go without waiting each.
      MirrorRequest r = volume.request(MirrorOp.SET_ATTRIBUTES, txid, 0, rel)
          .attributes(AttributeReader.whole(volume.fs(), volume.local(rel), local)).build();
      attributesInFlight.add(new PendingAttributes(r, sender.sendAsync(r)));
      settleAttributes(ATTRIBUTES_IN_FLIGHT);
      return 0;
    }
    if (peer != null && !peer.directory) {
      remote.putListed(rel, peer.length);
    } else {
      remote.forget(rel);
    }
    boolean differentContent = peer != null && peer.length == local.getLen();
    files.carryXattrs(rel); // nothing says which were set before the resync began
    files.ship(rel, txid, 0, differentContent, false);
    return 1;
  }

  /**
   * Waits for the attribute requests in flight until at most {@code atMost} are left; one the peer did not store
   * (or that got no answer) is sent again the retrying way. Paths are visited once per sync, so nothing else of the
   * sync touches a path whose attributes are in flight, and the sync returns only once all are stored.
   */
  private void settleAttributes(int atMost) throws LinkUnavailableException, InterruptedException {
    while (attributesInFlight.size() > atMost) {
      PendingAttributes p = attributesInFlight.poll();
      MirrorResponse r;
      try {
        r = p.answer.get();
      } catch (ExecutionException e) {
        r = null; // the link failed under it: asked again below, which waits for the link the usual way
      }
      if (r == null || r.status == MirrorResponse.Status.FAILED || r.status == MirrorResponse.Status.REFUSED) {
        sender.send(p.request);
      }
    }
  }

  private static final class PendingAttributes {
    final MirrorRequest request;
    final CompletableFuture<MirrorResponse> answer;

    PendingAttributes(MirrorRequest request, CompletableFuture<MirrorResponse> answer) {
      this.request = request;
      this.answer = answer;
    }
  }

  private void delete(String rel, long txid) throws LinkUnavailableException, InterruptedException {
    LOG.debug("resync of {} deletes {} on the peer", volume.volume(), rel);
    sender.send(volume.request(MirrorOp.DELETE, txid, 0, rel).build());
    remote.forgetTree(rel);
  }

  private String checksum(String rel) throws IOException {
    FileChecksum c = volume.fs().getFileChecksum(volume.local(rel));
    return c == null ? null : StringUtils.byteToHexString(c.getBytes());
  }

  private FileStatus statusOrNull(String rel) throws IOException {
    try {
      return volume.fs().getFileStatus(volume.local(rel));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static Map<String, ListedEntry> byName(MirrorResponse listing) {
    Map<String, ListedEntry> m = new HashMap<>();
    for (ListedEntry e : listing.entries) {
      m.put(e.name, e);
    }
    return m;
  }
}
