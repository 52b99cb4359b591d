package io.tandem.mirror.apply;

import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorProtocolException;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.ListedEntry;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import io.tandem.mirror.protocol.VolumePaths;
import io.tandem.mirror.read.AttributeReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies mirror requests to this site's HDFS, only under the volume's directory. Every operation is idempotent:
 * a replay after a reconnect finds the change already there and answers ALREADY_APPLIED, and an append is applied
 * by offset so it can never be duplicated. New files are assembled in the staging area and renamed into place on
 * their last chunk. Safe on several threads: the sender overlaps only requests for different paths, and a request
 * it sends again while the first copy still runs here (after its timeout, or after the link came back) waits for
 * that copy, or is answered FAILED to be retried later, rather than applying alongside it; so does a request on a
 * directory while one below it still runs ({@link PathLocks}).
 */
public final class ChangeApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
  /** Tandem's own extended attributes are never mirrored. */
  public static final String OWN_XATTR_PREFIX = "trusted.tandem.";
  /**
   * How long a request waits for another on the same path: well under the sender's request timeout (60 s by
   * default), so the answer FAILED reaches it in time, and long enough for any ordinary write to finish.
   */
  public static final long DEFAULT_SAME_PATH_WAIT_MS = 20_000;

  private final DistributedFileSystem fs;
  private final Function<String, Optional<ReceivingVolume>> volumes;
  private final VolumeGate gate;
  private final OpenWrites openWrites;
  private final SnapshotRequests snapshots;
  private final ShipClaims claims;
  private final PathLocks pathLocks = new PathLocks();
  private final long samePathWaitMs;

  public ChangeApplier(DistributedFileSystem fs, Function<String, Optional<ReceivingVolume>> volumes, VolumeGate gate) {
    this(fs, volumes, gate, ShipClaims.NONE);
  }

  public ChangeApplier(DistributedFileSystem fs, Function<String, Optional<ReceivingVolume>> volumes, VolumeGate gate,
      ShipClaims claims) {
    this(fs, volumes, gate, claims, DEFAULT_SAME_PATH_WAIT_MS);
  }

  /** With {@code samePathWaitMs}: how long a request waits for one on the same path before answering FAILED. */
  public ChangeApplier(DistributedFileSystem fs, Function<String, Optional<ReceivingVolume>> volumes, VolumeGate gate,
      ShipClaims claims, long samePathWaitMs) {
    this.fs = fs;
    this.volumes = volumes;
    this.gate = gate;
    this.openWrites = new OpenWrites(fs);
    this.snapshots = new SnapshotRequests(fs);
    this.claims = claims;
    this.samePathWaitMs = samePathWaitMs;
  }

  /** Applies one request from {@code senderSite} at {@code epoch}; never throws for a bad request. */
  public MirrorResponse apply(String senderSite, long epoch, MirrorRequest r) {
    Optional<ReceivingVolume> found = volumes.apply(r.volume);
    if (found.isEmpty()) {
      return refuse(senderSite, r, "volume " + r.volume + " is not declared on this site (tandem.volumes)");
    }
    ReceivingVolume v = found.get();
    if (!v.senders().contains(senderSite)) {
      return refuse(senderSite, r, "volume " + r.volume + " is mirrored from " + String.join(", ", v.senders())
          + " here, not from " + senderSite);
    }
    if (r.remoteRoot != null && !r.remoteRoot.equals(v.root())) {
      return refuse(senderSite, r, senderSite + " sends volume " + r.volume + " to " + r.remoteRoot
          + " but this site holds it at " + v.root() + ": check tandem.volume." + r.volume + ".remote.path");
    }
    // Listing is read-only (verify, resync), so any role may answer it; changes need the gate.
    Optional<String> gateRefusal = r.op == MirrorOp.LIST ? Optional.empty() : gate.refusal(r.volume, epoch);
    if (gateRefusal.isPresent()) {
      return refuse(senderSite, r, gateRefusal.get());
    }
    if (r.op == MirrorOp.SHIP_CLAIM) {
      return claims.offer(v, senderSite, r);
    }
    Optional<MirrorResponse> notClaimed = claims.admit(v, senderSite, r.op);
    if (notClaimed.isPresent()) {
      return notClaimed.get();
    }
    if (r.op == MirrorOp.LIST) {
      return applyHolding(senderSite, v, r); // read-only
    }
    List<String> touched = new ArrayList<>();
    try {
      touched.add(new Path(VolumePaths.resolve(v.root(), VolumePaths.check(r.path))).toUri().getPath());
      if (r.op == MirrorOp.RENAME) {
        touched.add(new Path(VolumePaths.resolve(v.root(), VolumePaths.check(r.target))).toUri().getPath());
      }
    } catch (MirrorProtocolException e) {
      return refuse(senderSite, r, e.getMessage());
    }
    Optional<PathLocks.Held> held;
    try {
      held = pathLocks.tryHold(touched, samePathWaitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MirrorResponse.of(Status.FAILED, "receiver closing");
    }
    if (held.isEmpty()) {
      LOG.warn("{} from {} waited {} ms for an earlier request on {} that is still being applied; answering FAILED"
          + " so the sender tries again later", r, senderSite, samePathWaitMs, touched);
      return MirrorResponse.of(Status.FAILED, "an earlier request on " + r.path + " is still being applied here");
    }
    try (PathLocks.Held h = held.get()) {
      return applyHolding(senderSite, v, r);
    }
  }

  /** Applies {@code r}, holding its paths against other requests on them. */
  private MirrorResponse applyHolding(String senderSite, ReceivingVolume v, MirrorRequest r) {
    try {
      String rel = VolumePaths.check(r.path);
      Path path = new Path(VolumePaths.resolve(v.root(), rel));
      switch (r.op) {
        case MKDIRS:
          return mkdirs(path, r);
        case WRITE:
          return r.isAppend() ? append(path, r) : writeStaged(v, rel, path, r);
        case RENAME:
          return rename(path, new Path(VolumePaths.resolve(v.root(), VolumePaths.check(r.target))));
        case DELETE:
          return delete(v, path);
        case SET_ATTRIBUTES:
          return setAttributes(path, r.attributes);
        case TRUNCATE:
          return truncate(path, r);
        case LIST:
          return list(path, Boolean.TRUE.equals(r.withChecksums));
        case SNAPSHOTS:
          return snapshots.snapshots(v, r);
        case SNAPSHOT_CREATE:
          // Every write of the ship is stored by now: staging left by interrupted attempts is garbage.
          openWrites.abortUnder(StagingArea.directory(v.root()));
          MirrorResponse created = snapshots.create(v, r);
          if (created.stored()) {
            claims.committed(v, senderSite, r.snapshot);
          }
          return created;
        case SNAPSHOT_ROLLBACK:
          openWrites.abortUnder(new Path(v.root()));
          return snapshots.rollback(v, r);
        case STASH:
          openWrites.abortUnder(path);
          return snapshots.stash(v, path, r);
        case UNSTASH:
          return snapshots.unstash(v, r);
        case CLEAR_STASH:
          return snapshots.clearStash(v);
        case STAGED: {
          Path staging = StagingArea.file(v.root(), r.txid, r.index, rel);
          return new MirrorResponse(Status.APPLIED, null, openWrites.isOpen(staging) ? openWrites.position(staging) : -1L,
              null);
        }
        default:
          return refuse(senderSite, r, "unknown operation " + r.op);
      }
    } catch (MirrorProtocolException e) {
      return refuse(senderSite, r, e.getMessage());
    } catch (IOException | RuntimeException e) {
      abortWrite(v, r); // how far the stream got is unknown: the sender resends from a known offset
      LOG.warn("Could not apply {} from {}: {}", r, senderSite, e.toString());
      return MirrorResponse.of(Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static MirrorResponse refuse(String senderSite, MirrorRequest r, String why) {
    LOG.warn("Refused {} from {}: {}", r, senderSite, why);
    return MirrorResponse.of(Status.REFUSED, why);
  }

  private MirrorResponse mkdirs(Path path, MirrorRequest r) throws IOException {
    boolean existed = fs.exists(path);
    FsPermission perm = r.attributes != null && r.attributes.permission != null
        ? new FsPermission(r.attributes.permission) : FsPermission.getDirDefault();
    fs.mkdirs(path, perm);
    setAttributes(path, r.attributes);
    return MirrorResponse.of(existed ? Status.ALREADY_APPLIED : Status.APPLIED, null);
  }

  /**
   * A new version of a file: assembled in staging, renamed over the target on the last chunk. The staging file is
   * created with the file's permission and the rename is tried before making parents, so a small file costs four
   * NameNode calls (create, complete, rename, owner) rather than one per check.
   */
  private MirrorResponse writeStaged(ReceivingVolume v, String rel, Path path, MirrorRequest r) throws IOException {
    long offset = r.offset == null ? 0 : r.offset;
    Path staging = StagingArea.file(v.root(), r.txid, r.index, rel);
    if (offset == 0) {
      FsPermission perm = r.attributes != null && r.attributes.permission != null
          ? new FsPermission(r.attributes.permission) : FsPermission.getFileDefault();
      try {
        openWrites.create(staging, perm);
      } catch (FileNotFoundException noStagingDirectory) {
        fs.mkdirs(StagingArea.directory(v.root()));
        openWrites.create(staging, perm);
      }
    } else if (!openWrites.isOpenAt(staging, offset)) {
      FileStatus current = statusOrNull(path);
      if (r.isLast() && current != null && r.length != null && current.getLen() == r.length && !fs.exists(staging)) {
        // The attempt that committed it may have failed after the rename, before the attributes were all set.
        setAttributes(path, r.attributes);
        return new MirrorResponse(Status.ALREADY_APPLIED, "committed before", current.getLen(), null);
      }
      return new MirrorResponse(Status.NEED_FULL_COPY, "staging for " + rel + " is not at offset " + offset, null, null);
    }
    openWrites.write(staging, r.dataArray(), r.dataOffset(), r.dataLength());
    if (!r.isLast()) {
      return MirrorResponse.of(Status.APPLIED, null);
    }
    // A file still being written at the source is renamed into place open, its bytes flushed: the next flush
    // appends to the same stream.
    long length = r.isHold() ? openWrites.syncKeepingOpen(staging) : openWrites.close(staging);
    if (r.length != null && length != r.length) {
      openWrites.abort(staging);
      fs.delete(staging, false);
      return new MirrorResponse(Status.NEED_FULL_COPY, "staged " + length + " bytes of " + rel + ", expected " + r.length, null, null);
    }
    openWrites.abort(path); // an earlier copy still held open there is replaced
    try {
      fs.rename(staging, path, Options.Rename.OVERWRITE);
    } catch (FileNotFoundException noParent) {
      fs.mkdirs(path.getParent());
      fs.rename(staging, path, Options.Rename.OVERWRITE);
    }
    openWrites.moved(staging, path);
    MirrorRequest.FileAttributes a = r.attributes;
    if (a != null && a.permission != null) {
      FsPermission wanted = new FsPermission(a.permission);
      if (!wanted.applyUMask(FsPermission.getUMask(fs.getConf())).equals(wanted)) {
        fs.setPermission(path, wanted); // the umask narrowed it at create
      }
    }
    if (a != null && (a.owner != null || a.group != null)) {
      fs.setOwner(path, a.owner, a.group);
    }
    if (a != null) {
      freshFileAttributes(path, a);
    }
    return new MirrorResponse(Status.APPLIED, null, length, null);
  }

  /**
   * The rest of a file's attributes, on a file this receiver has just created: it has no ACL and no extended
   * attributes yet and the default replication, so nothing needs reading or removing first (a ship sends every
   * attribute of every new file, and each NameNode call saved here is saved per file).
   */
  private void freshFileAttributes(Path path, MirrorRequest.FileAttributes a) throws IOException {
    if (a.replication != null && a.replication != fs.getDefaultReplication(path)) {
      fs.setReplication(path, a.replication);
    }
    if (a.acl != null && !a.acl.isEmpty()) {
      setAcl(path, a.acl);
    }
    setXAttrs(path, a.xattrs);
    if (a.mtime != null || a.atime != null) {
      fs.setTimes(path, a.mtime == null ? -1 : a.mtime, a.atime == null ? -1 : a.atime);
    }
  }

  /** Bytes that extend an existing file: applied by offset, after checking that the prefix matches. */
  private MirrorResponse append(Path path, MirrorRequest r) throws IOException {
    long offset = r.offset == null ? 0 : r.offset;
    int dataLength = r.dataLength();
    long remote;
    if (openWrites.isOpen(path)) {
      remote = openWrites.position(path);
    } else {
      FileStatus st = statusOrNull(path);
      if (st == null) {
        return MirrorResponse.of(Status.NEED_FULL_COPY, "no remote file to append to");
      }
      if (recoverIfOpen(path)) {
        st = fs.getFileStatus(path);
      }
      remote = st.getLen();
    }
    if (remote >= offset + dataLength) {
      if (r.isLast() && !r.isHold()) {
        openWrites.close(path);
        setAttributes(path, r.attributes);
      }
      return new MirrorResponse(Status.ALREADY_APPLIED, null, remote, null);
    }
    if (remote < offset) {
      openWrites.abort(path);
      return new MirrorResponse(Status.NEED_FULL_COPY, "remote file has " + remote + " bytes, append starts at " + offset, remote, null);
    }
    if (!openWrites.isOpen(path)) {
      if (r.prefixChecksum != null && offset > 0 && !prefixMatches(path, offset, r.prefixChecksum)) {
        return new MirrorResponse(Status.NEED_FULL_COPY, "remote prefix of " + offset + " bytes differs", remote, null);
      }
      openWrites.append(path, remote);
    }
    int skip = (int) (remote - offset);
    openWrites.write(path, r.dataArray(), r.dataOffset() + skip, dataLength - skip);
    if (!r.isLast()) {
      return new MirrorResponse(Status.APPLIED, null, openWrites.position(path), null);
    }
    if (r.isHold()) {
      return new MirrorResponse(Status.APPLIED, null, openWrites.syncKeepingOpen(path), null);
    }
    long length = openWrites.close(path);
    setAttributes(path, r.attributes); // after the close, which would move the modification time again
    return new MirrorResponse(Status.APPLIED, null, length, null);
  }

  private boolean prefixMatches(Path path, long length, String expectedHex) throws IOException {
    FileChecksum c = fs.getFileChecksum(path, length);
    return c != null && StringUtils.byteToHexString(c.getBytes()).equals(expectedHex);
  }

  private MirrorResponse rename(Path src, Path dst) throws IOException {
    if (!fs.exists(src)) {
      return fs.exists(dst) ? MirrorResponse.of(Status.ALREADY_APPLIED, null)
          : MirrorResponse.of(Status.NEED_SYNC, "neither " + src + " nor " + dst + " is here");
    }
    Path parent = dst.getParent();
    if (parent != null) {
      fs.mkdirs(parent);
    }
    openWrites.abortUnder(dst); // whatever was held open where the rename lands is replaced
    try {
      fs.rename(src, dst, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      return MirrorResponse.of(Status.NEED_SYNC, "rename failed: " + e.getMessage());
    }
    openWrites.moved(src, dst);
    return MirrorResponse.of(Status.APPLIED, null);
  }

  private MirrorResponse delete(ReceivingVolume v, Path path) throws IOException {
    openWrites.abortUnder(path);
    if (!path.toUri().getPath().equals(v.root())) {
      return MirrorResponse.of(fs.delete(path, true) ? Status.APPLIED : Status.ALREADY_APPLIED, null);
    }
    FileStatus root = statusOrNull(path);
    if (root != null && root.isDirectory() && root.isSnapshotEnabled()) {
      // HDFS refuses to delete a snapshottable directory that has snapshots, and this one holds shipped snapshots
      // (or may soon): its contents go, its snapshots keep what they hold, and the volume can mirror on.
      boolean any = false;
      for (FileStatus child : fs.listStatus(path)) {
        if (!child.getPath().getName().equals(VolumePaths.RESERVED)) {
          any |= fs.delete(child.getPath(), true);
        }
      }
      LOG.warn("Volume {}: its whole directory {} was deleted on the sending site; here it is snapshottable, so its"
          + " contents were deleted and the directory and its snapshots kept", v.name(), v.root());
      return MirrorResponse.of(any ? Status.APPLIED : Status.ALREADY_APPLIED, null);
    }
    boolean deleted = fs.delete(path, true);
    LOG.warn("Volume {}: its whole directory {} was deleted on the sending site and here", v.name(), v.root());
    return MirrorResponse.of(deleted ? Status.APPLIED : Status.ALREADY_APPLIED, null);
  }

  private MirrorResponse setAttributes(Path path, MirrorRequest.FileAttributes a) throws IOException {
    if (a == null) {
      return MirrorResponse.of(Status.APPLIED, null);
    }
    FileStatus st = statusOrNull(path);
    if (st == null) {
      // The file or directory is gone or not here yet: its creation will carry its attributes.
      return MirrorResponse.of(Status.ALREADY_APPLIED, "no " + path);
    }
    // What already holds is not set again: a ship sends every attribute of every file it copies.
    if (a.permission != null && st.getPermission().toShort() != a.permission) {
      fs.setPermission(path, new FsPermission(a.permission));
    }
    if ((a.owner != null && !a.owner.equals(st.getOwner())) || (a.group != null && !a.group.equals(st.getGroup()))) {
      fs.setOwner(path, a.owner, a.group);
    }
    if (a.replication != null && st.isFile() && st.getReplication() != a.replication) {
      fs.setReplication(path, a.replication);
    }
    if (a.acl != null) {
      if (a.acl.isEmpty()) {
        if (st.hasAcl()) {
          fs.removeAcl(path);
        }
      } else if (!st.hasAcl() || !a.acl.equals(AttributeReader.acl(fs, path, st))) {
        setAcl(path, a.acl);
      }
    }
    if (Boolean.TRUE.equals(a.xattrsExact)) {
      // A whole set (a ship, a resync): set what differs, drop what is not in it, so a set that already holds
      // writes nothing to this site's edit log.
      Map<String, String> wanted = a.xattrs == null ? Map.of() : a.xattrs;
      Map<String, byte[]> held = fs.getXAttrs(path);
      for (Map.Entry<String, String> x : wanted.entrySet()) {
        byte[] value = Base64.getDecoder().decode(x.getValue());
        if (!x.getKey().startsWith(OWN_XATTR_PREFIX) && !Arrays.equals(value, held.get(x.getKey()))) {
          fs.setXAttr(path, x.getKey(), value);
        }
      }
      for (String name : held.keySet()) {
        if (!name.startsWith(OWN_XATTR_PREFIX) && !wanted.containsKey(name)) {
          fs.removeXAttr(path, name);
        }
      }
    } else {
      setXAttrs(path, a.xattrs);
    }
    if (a.xattrsRemoved != null) {
      for (String name : a.xattrsRemoved) {
        try {
          fs.removeXAttr(path, name);
        } catch (IOException e) {
          LOG.debug("xattr {} not on {}: {}", name, path, e.toString());
        }
      }
    }
    boolean newMtime = a.mtime != null && a.mtime != st.getModificationTime();
    boolean newAtime = a.atime != null && a.atime != st.getAccessTime();
    if (newMtime || newAtime) {
      fs.setTimes(path, newMtime ? a.mtime : -1, newAtime ? a.atime : -1);
    }
    return MirrorResponse.of(Status.APPLIED, null);
  }

  private void setAcl(Path path, List<String> acl) throws IOException {
    List<AclEntry> entries = new ArrayList<>();
    for (String e : acl) {
      entries.add(AclEntry.parseAclEntry(e, true));
    }
    fs.setAcl(path, entries);
  }

  /** Sets each extended attribute given (values base64), never Tandem's own. */
  private void setXAttrs(Path path, Map<String, String> xattrs) throws IOException {
    if (xattrs == null) {
      return;
    }
    for (Map.Entry<String, String> x : xattrs.entrySet()) {
      if (!x.getKey().startsWith(OWN_XATTR_PREFIX)) {
        fs.setXAttr(path, x.getKey(), Base64.getDecoder().decode(x.getValue()));
      }
    }
  }

  private MirrorResponse truncate(Path path, MirrorRequest r) throws IOException {
    FileStatus st = statusOrNull(path);
    long newLength = r.length == null ? 0 : r.length;
    if (st == null || st.getLen() < newLength) {
      return MirrorResponse.of(Status.NEED_FULL_COPY, "remote file is shorter than the truncated length " + newLength);
    }
    if (st.getLen() == newLength) {
      return MirrorResponse.of(Status.ALREADY_APPLIED, null);
    }
    openWrites.abort(path);
    if (!fs.truncate(path, newLength)) {
      // The last block needs recovery; the file accepts appends only once it is closed again.
      waitUntilClosed(path);
    }
    return new MirrorResponse(Status.APPLIED, null, newLength, null);
  }

  /**
   * A file left open by an interrupted write of ours keeps its lease and cannot be appended to or checksummed:
   * recover the lease first, which closes it at its last durable length.
   */
  private boolean recoverIfOpen(Path path) throws IOException {
    if (fs.isFileClosed(path)) {
      return false;
    }
    LOG.info("Recovering the lease of {} left open by an interrupted write", path);
    if (!fs.recoverLease(path)) {
      waitUntilClosed(path);
    }
    return true;
  }

  private void waitUntilClosed(Path path) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!fs.isFileClosed(path)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("truncated file " + path + " not recovered within 60 s");
      }
      try {
        Thread.sleep(50); // block recovery has no notification to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + path + " to recover", e);
      }
    }
  }

  private MirrorResponse list(Path path, boolean withChecksums) throws IOException {
    FileStatus st = statusOrNull(path);
    if (st == null) {
      return new MirrorResponse(Status.APPLIED, "missing", -1L, List.of());
    }
    List<ListedEntry> entries = new ArrayList<>();
    FileStatus[] children = st.isDirectory() ? fs.listStatus(path) : new FileStatus[] {st};
    for (FileStatus c : children) {
      String name = st.isDirectory() ? c.getPath().getName() : "";
      if (name.equals(VolumePaths.RESERVED)) {
        continue;
      }
      String checksum = null;
      if (withChecksums && c.isFile()) {
        FileChecksum fc = fs.getFileChecksum(c.getPath());
        checksum = fc == null ? null : StringUtils.byteToHexString(fc.getBytes());
      }
      entries.add(new ListedEntry(name, c.isDirectory(), c.isDirectory() ? 0 : c.getLen(), checksum,
          c.getPermission().toShort()));
    }
    return new MirrorResponse(Status.APPLIED, null, st.isDirectory() ? 0L : st.getLen(), entries);
  }

  private FileStatus statusOrNull(Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private void abortWrite(ReceivingVolume v, MirrorRequest r) {
    if (r.op != MirrorOp.WRITE || r.path == null) {
      return;
    }
    try {
      String rel = VolumePaths.check(r.path);
      openWrites.abort(r.isAppend() ? new Path(VolumePaths.resolve(v.root(), rel))
          : StagingArea.file(v.root(), r.txid, r.index, rel));
    } catch (MirrorProtocolException e) {
      // A path that failed the check never opened a stream.
    }
  }

  /** Closes every open write (agent stopping). */
  public void close() {
    openWrites.closeAll();
  }
}
