package io.tandem.mirror.send;

import io.tandem.mirror.capture.Change;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.sync.SyncBarrier;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the changes of one volume in edit-log order, one at a time, each acknowledged before the next. Keeps the
 * session's view of files still open (their flushed bytes are shipped every flush interval) and of files created
 * in this session (whose peer copies, if any, are stale).
 */
final class ChangeShipper {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeShipper.class);
  private final VolumeEndpoints volume;
  private final RetryingSender sender;
  private final FileShipper files;
  private final TreeSync trees;
  private final RemoteLengths remote;
  private final MirrorStats stats;
  private final LongSupplier nowMs;
  private final long flushMs;
  private final Set<String> createdThisSession = new HashSet<>();
  /** Open files and when their bytes were last shipped. */
  private final Map<String, Long> openFiles = new LinkedHashMap<>();
  /**
   * Files whose close could not be shipped because they had already moved on (renamed with their directory, say),
   * with the txid of that close. A later rename carries them to their new path, where they ship; a delete drops
   * them. Until then the checkpoint stays before them, so a restart replays them too.
   */
  private final Map<String, Long> unshipped = new LinkedHashMap<>();
  private final InFlightWrites inFlight;
  private final RenameRecord renames;
  /** Files renamed while open, old name to new, until they close: see {@link #currentName}. */
  private final Map<String, String> renamedWhileOpen = new HashMap<>();
  /**
   * Files a sync barrier found by id under a name the changes shipped so far do not lead to, with the NameNode's
   * transaction id when they were found there: shipped under that name only once every change up to it has.
   */
  private final Map<Long, FoundElsewhere> foundElsewhere = new HashMap<>();

  /** Where a barrier found a file by id, and the NameNode's transaction id then (read again once, to confirm). */
  private static final class FoundElsewhere {
    final String name;
    final long txid;
    final boolean confirmed;

    FoundElsewhere(String name, long txid, boolean confirmed) {
      this.name = name;
      this.txid = txid;
      this.confirmed = confirmed;
    }
  }

  /** The NameNode's current transaction id. */
  interface CurrentTxid {
    long txid() throws IOException;
  }

  /**
   * The last rename the peer acknowledged, kept durably before any later change is sent: see
   * {@link CheckpointStore#renamedThrough}.
   */
  interface RenameRecord {
    long appliedThrough();

    void applied(long txid) throws Exception;
  }

  ChangeShipper(VolumeEndpoints volume, RetryingSender sender, FileShipper files, TreeSync trees, RemoteLengths remote,
      MirrorStats stats, LongSupplier nowMs, long flushMs, RenameRecord renames) {
    this.renames = renames;
    this.volume = volume;
    this.sender = sender;
    this.files = files;
    this.trees = trees;
    this.remote = remote;
    this.stats = stats;
    this.nowMs = nowMs;
    this.flushMs = flushMs;
    this.inFlight = new InFlightWrites(IN_FLIGHT, files, stats);
  }

  /** New small files sent ahead without waiting: enough to keep the peer's apply threads busy. */
  static final int IN_FLIGHT = 32;

  /** Waits for every write still in flight (before any other change, and before a checkpoint). */
  void drain() throws IOException, LinkUnavailableException, InterruptedException {
    inFlight.drain();
  }

  void ship(Change c) throws IOException, LinkUnavailableException, InterruptedException {
    String rel = c.path();
    if (c.kind() == Change.Kind.SYNC_FILE && createdThisSession.contains(rel)) {
      FileShipper.ClosedFile closed = FileShipper.ClosedFile.of(c);
      MirrorRequest small = files.smallNewFile(rel, c.txid(), c.index(), closed);
      if (small != null) {
        openFiles.remove(rel);
        createdThisSession.remove(rel);
        unshipped.remove(rel);
        if (inFlight.holds(rel)) {
          inFlight.drain(); // the peer applies on several threads: two writes of one path could land either way
        }
        inFlight.add(small, sender.sendAsync(small), req -> {
          if (!files.ship(req.path, req.txid, req.index, true, false, closed)) {
            markUnshipped(req.path, req.txid, true);
          }
        });
        stats.changesShipped.incrementAndGet();
        return;
      }
    }
    if (c.kind() != Change.Kind.OPENED_NEW && c.kind() != Change.Kind.OPENED_FOR_APPEND) {
      inFlight.drain();
    }
    switch (c.kind()) {
      case MKDIR:
        sender.send(volume.request(MirrorOp.MKDIRS, c.txid(), c.index(), rel).attributes(c.attributes()).build());
        break;
      case OPENED_NEW:
        createdThisSession.add(rel);
        openFiles.put(rel, nowMs.getAsLong());
        return;
      case OPENED_FOR_APPEND:
        openFiles.put(rel, nowMs.getAsLong());
        return;
      case SYNC_FILE: {
        openFiles.remove(rel);
        renamedWhileOpen.values().removeIf(rel::equals);
        boolean isNew = createdThisSession.remove(rel);
        if (!files.ship(rel, c.txid(), c.index(), isNew, false, FileShipper.ClosedFile.of(c))) {
          markUnshipped(rel, c.txid(), isNew);
        } else {
          unshipped.remove(rel);
        }
        break;
      }
      case RENAME: {
        if (c.txid() <= renames.appliedThrough()) {
          // Applied before this session, maybe with later changes after it: its source may hold another file by
          // now, which sending it again would carry over the one it moved. Both ends are made equal to this side
          // instead (as after a rename the peer could not apply), and the replay goes on from there.
          moveTracking(rel, c.target());
          trees.sync(rel, c.txid());
          trees.sync(c.target(), c.txid());
          dropUnshipped(rel);
          dropUnshipped(c.target());
          break;
        }
        MirrorResponse r = sender.send(volume.request(MirrorOp.RENAME, c.txid(), c.index(), rel).target(c.target()).build());
        recordRename(c.txid());
        moveTracking(rel, c.target());
        if (r.status == Status.NEED_SYNC) {
          trees.sync(rel, c.txid());
          trees.sync(c.target(), c.txid());
          dropUnshipped(c.target());
        }
        shipMovedFiles(c.txid(), c.index());
        break;
      }
      case DELETE:
        sender.send(volume.request(MirrorOp.DELETE, c.txid(), c.index(), rel).build());
        remote.forgetTree(rel);
        dropTracking(rel);
        dropUnshipped(rel);
        break;
      case SET_ATTRIBUTES:
        if (createdThisSession.contains(rel)) {
          files.carryXattrs(rel); // the peer has no file to set them on yet
        }
        shipIfUnshipped(rel, c.txid(), c.index()); // new times may be why its close could not ship
        sender.send(volume.request(MirrorOp.SET_ATTRIBUTES, c.txid(), c.index(), rel).attributes(c.attributes()).build());
        break;
      case TRUNCATE: {
        MirrorResponse r = sender.send(volume.request(MirrorOp.TRUNCATE, c.txid(), c.index(), rel).length(c.length()).build());
        if (r.status == Status.NEED_FULL_COPY) {
          remote.forget(rel);
          files.ship(rel, c.txid(), c.index(), true, false);
        } else {
          remote.put(rel, c.length());
        }
        shipIfUnshipped(rel, c.txid(), c.index());
        break;
      }
      case SYNC_TREE:
        trees.sync(rel, c.txid());
        dropUnshipped(rel);
        break;
      default:
        throw new IllegalStateException("unknown change " + c);
    }
    stats.changesShipped.incrementAndGet();
  }

  /** Files opened before this session began, still open: their flushed bytes ship at the next flush. */
  void trackOpenFiles(java.util.Collection<String> rels) {
    for (String rel : rels) {
      openFiles.putIfAbsent(rel, 0L);
    }
  }

  /** Ships the flushed bytes of files kept open, each at most every flush interval. */
  void flushOpenFiles(long txid) throws IOException, LinkUnavailableException, InterruptedException {
    inFlight.drain();
    long now = nowMs.getAsLong();
    for (Map.Entry<String, Long> e : openFiles.entrySet()) {
      if (now - e.getValue() < flushMs) {
        continue;
      }
      String rel = e.getKey();
      boolean isNew = createdThisSession.contains(rel);
      if (files.ship(rel, txid, 0, isNew, true)) {
        createdThisSession.remove(rel); // the peer now holds a true prefix of it
        unshipped.remove(rel); // and of what its last close left, which it still begins with
      }
      e.setValue(now);
    }
  }

  /**
   * Ships the flushed bytes of the file opened as {@code opened}, with inode id {@code fileId} (or
   * {@link SyncBarrier#NO_FILE_ID}), now, for a sync barrier after an hflush or hsync, and returns how many bytes of
   * it the peer holds; {@link Long#MAX_VALUE} when there is nothing to wait for (the file is closed, so its
   * close was shipped in order, or it is gone).
   *
   * @param shippedThrough the transaction id up to which every change has been read and shipped
   * @param nameNode the NameNode's current transaction id
   */
  long shipOpenFileNow(String opened, long fileId, long txid, long shippedThrough, CurrentTxid nameNode)
      throws IOException, LinkUnavailableException, InterruptedException {
    String rel = currentName(opened);
    if (fileId == SyncBarrier.NO_FILE_ID || files.holds(rel, fileId)) {
      foundElsewhere.remove(fileId);
    } else {
      // The names this session followed lead elsewhere: another file took the name (a rotation), or the rename
      // happened before this session. The file is found by its id among the files open under the volume.
      FoundElsewhere seen = foundElsewhere.get(fileId);
      Optional<String> now;
      try {
        if (seen != null && files.holds(seen.name, fileId)) {
          now = Optional.of(seen.name); // still where it was found: the open files need not be listed again
        } else {
          now = rel.equals(opened) || !files.holds(opened, fileId) ? files.openNameOf(fileId) : Optional.of(opened);
        }
      } catch (IOException e) {
        LOG.debug("Cannot find open file {} of {}: {}", fileId, volume.volume(), e.toString());
        return 0; // not found: the barrier waits for the file's close, or times out; never acknowledged blind
      }
      if (now.isEmpty()) {
        foundElsewhere.remove(fileId);
        return Long.MAX_VALUE; // closed (its close ships in order), gone, or moved out of the volume
      }
      // A rename not shipped yet may have put it there: shipped under that name now, the rename, once it ships,
      // would move the peer's older copy over these bytes. So every change up to the moment it was found there
      // ships first: a rename among them makes the names followed lead here; one from before this session (or a
      // barrier naming the file by id alone) leaves nothing older to move. Until then the peer is taken to hold
      // none of it: what it holds under that name may be another file's.
      String name = now.get();
      try {
        if (seen == null || !seen.name.equals(name)) {
          foundElsewhere.put(fileId, new FoundElsewhere(name, nameNode.txid(), false));
          return 0;
        }
        if (shippedThrough < seen.txid) {
          return 0;
        }
        if (!seen.confirmed) {
          // The NameNode numbers an edit when it writes it, which with async edit logging can come after the
          // change is visible: a second reading, at least a poll later, covers the rename that put the file there.
          FoundElsewhere again = new FoundElsewhere(name, nameNode.txid(), true);
          foundElsewhere.put(fileId, again);
          if (shippedThrough < again.txid) {
            return 0;
          }
        }
      } catch (IOException e) {
        LOG.debug("Cannot read the NameNode's transaction id for open file {} of {}: {}", fileId, volume.volume(),
            e.toString());
        return 0; // asked again at the next evaluation
      }
      rel = name; // kept: the next barrier of the file, still there, ships at once
    }
    if (!openFiles.containsKey(rel)) {
      if (files.isClosedOrGone(rel)) {
        return Long.MAX_VALUE;
      }
      openFiles.put(rel, nowMs.getAsLong()); // opened before this session began
    }
    boolean isNew = createdThisSession.contains(rel);
    if (files.ship(rel, txid, 0, isNew, true)) {
      createdThisSession.remove(rel);
      unshipped.remove(rel);
    }
    openFiles.put(rel, nowMs.getAsLong());
    Long held = remote.get(rel);
    return held == null ? 0 : held;
  }

  /**
   * Where a file opened as {@code opened} is now: a barrier names the file as its writer opened it, and the file may
   * have been renamed while open since (its stream writes on under the new name).
   */
  private String currentName(String opened) {
    String rel = opened;
    for (int hops = 0; hops < 1000 && renamedWhileOpen.containsKey(rel); hops++) {
      rel = renamedWhileOpen.get(rel);
    }
    return rel;
  }

  /** Ships the files a rename just carried to their new paths (those still there). */
  private void shipMovedFiles(long txid, int index) throws IOException, LinkUnavailableException, InterruptedException {
    for (String p : unshipped.keySet().toArray(new String[0])) {
      if (files.ship(p, txid, index, createdThisSession.contains(p), false)) {
        unshipped.remove(p);
        createdThisSession.remove(p);
      }
    }
  }

  private void recordRename(long txid) throws IOException {
    try {
      renames.applied(txid);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("could not record the rename at txid " + txid + " as applied: " + e.getMessage(), e);
    }
  }

  /** A close that could not ship: the path holds no longer the file it closed, or nothing. */
  private void markUnshipped(String rel, long txid, boolean isNew) {
    unshipped.putIfAbsent(rel, txid);
    if (isNew) {
      createdThisSession.add(rel);
    }
  }

  /**
   * Ships {@code rel} as it is now if an earlier close of it could not ship: a change to the same path since
   * (new times, a truncate) moved its modification time, so the file is no longer the one closed, but it is still
   * the one at that path.
   */
  private void shipIfUnshipped(String rel, long txid, int index)
      throws IOException, LinkUnavailableException, InterruptedException {
    if (unshipped.containsKey(rel) && files.ship(rel, txid, index, createdThisSession.contains(rel), false)) {
      unshipped.remove(rel);
      createdThisSession.remove(rel);
    }
  }

  private void dropUnshipped(String rel) {
    String prefix = rel.isEmpty() ? "" : rel + "/";
    unshipped.keySet().removeIf(p -> p.equals(rel) || p.startsWith(prefix));
  }

  /** The txid of the oldest close still waiting to ship, or -1: the checkpoint must stay before it. */
  long oldestUnshippedTxid() {
    long min = -1;
    for (long t : unshipped.values()) {
      min = min < 0 ? t : Math.min(min, t);
    }
    return min;
  }

  int openFileCount() {
    return openFiles.size();
  }

  private void moveTracking(String src, String dst) {
    remote.rename(src, dst);
    files.moved(src, dst);
    Map<String, Long> movedUnshipped = new LinkedHashMap<>();
    unshipped.entrySet().removeIf(e -> {
      if (e.getKey().equals(src) || e.getKey().startsWith(src + "/")) {
        movedUnshipped.put(dst + e.getKey().substring(src.length()), e.getValue());
        return true;
      }
      return false;
    });
    unshipped.putAll(movedUnshipped);
    String prefix = src + "/";
    Map<String, Long> movedOpen = new LinkedHashMap<>();
    openFiles.entrySet().removeIf(e -> {
      if (e.getKey().equals(src) || e.getKey().startsWith(prefix)) {
        String moved = dst + e.getKey().substring(src.length());
        movedOpen.put(moved, e.getValue());
        renamedWhileOpen.put(e.getKey(), moved);
        return true;
      }
      return false;
    });
    openFiles.putAll(movedOpen);
    Set<String> movedNew = new HashSet<>();
    createdThisSession.removeIf(p -> {
      if (p.equals(src) || p.startsWith(prefix)) {
        movedNew.add(dst + p.substring(src.length()));
        return true;
      }
      return false;
    });
    createdThisSession.addAll(movedNew);
  }

  private void dropTracking(String rel) {
    String prefix = rel.isEmpty() ? "" : rel + "/";
    openFiles.keySet().removeIf(p -> p.equals(rel) || p.startsWith(prefix));
    createdThisSession.removeIf(p -> p.equals(rel) || p.startsWith(prefix));
  }
}
