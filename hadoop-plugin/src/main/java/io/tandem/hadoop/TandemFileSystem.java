package io.tandem.hadoop;

import io.tandem.hadoop.sync.InodePaths;
import io.tandem.hadoop.sync.SyncGuard;
import io.tandem.hadoop.sync.SyncOutputStream;
import io.tandem.hadoop.sync.SyncVolumes;
import io.tandem.mirror.protocol.VolumePaths;
import io.tandem.mirror.sync.SyncBarrier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.XAttrSetFlag;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.util.Progressable;

/**
 * The HDFS client for sync mirroring ({@code fs.hdfs.impl}). It is a {@link DistributedFileSystem}, so code that casts
 * to one, snapshots and admin calls keep working; on a volume declared {@code mirror=sync}, {@code hflush},
 * {@code hsync} and {@code close} of its streams and every namespace change (mkdirs, rename, delete, permissions,
 * owner, ACLs, xattrs, times, replication, truncate, concat) return only once the peer site acknowledged the change,
 * or as the volume's {@code sync.on-link-down} says when it cannot. Everything else is plain HDFS.
 *
 * <p>Not held to sync: streams made with the builder API ({@code createFile}/{@code appendFile}), whose HDFS class
 * cannot be extended; their changes are mirrored asynchronously like any other.
 */
public class TandemFileSystem extends DistributedFileSystem {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TandemFileSystem.class);

  private SyncGuard guard = SyncGuard.NONE;
  /** This client's streams not closed yet, whose paths follow the renames it makes. */
  private final java.util.Set<SyncOutputStream> openStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicBoolean builderWarned = new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    try {
      guard = SyncGuard.create(getUri(), conf);
    } catch (IOException | RuntimeException e) {
      super.close();
      throw e;
    }
  }

  /** Writes let through without the peer's acknowledgement under {@code sync.on-link-down=degrade}. */
  public long degradedWrites() {
    return guard.degradedWrites();
  }

  private String qualified(Path p) {
    return makeQualified(p).toUri().getPath();
  }

  /**
   * The path a call acts on, as the sync volumes are declared: a path by inode id stands for the volume it is in, or
   * the directory above volumes it names ({@link InodePaths#locate}: a few NameNode calls, made only when some volume
   * is sync).
   */
  private String pathOf(Path p) {
    return located(qualified(p));
  }

  /**
   * {@code path} as {@link InodePaths#locate} places it. Asked after the call it is about: a lookup that fails is
   * logged and the path taken as in no volume, never thrown from a call that succeeded.
   */
  private String located(String path) {
    if (!guard.active() || !InodePaths.isInodePath(path)) {
      return path;
    }
    try {
      return InodePaths.locate(path, guard.volumeRoots(), getClient()::getFileInfo);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot tell which volume {} is in ({}): the call waits for every sync volume", path, e.toString());
      return SyncVolumes.ANY_VOLUME;
    }
  }

  /**
   * Every stream is held while some volume is sync, not only those opened in one: a file this client renames into a
   * sync volume while writing it is held there from then on ({@link #followRename}).
   */
  private FSDataOutputStream held(FSDataOutputStream opened, Path p) throws IOException {
    if (!(opened instanceof HdfsDataOutputStream)) {
      return opened;
    }
    return held((HdfsDataOutputStream) opened, p);
  }

  private HdfsDataOutputStream held(HdfsDataOutputStream opened, Path p) throws IOException {
    if (!guard.active()) {
      return opened;
    }
    String path = qualified(p);
    HdfsDataOutputStream held = SyncOutputStream.wrap(opened, statistics, guard, path, openStreams);
    if (held instanceof SyncOutputStream && InodePaths.isInodePath(path)) {
      placeById((SyncOutputStream) held); // its own id: a create by id may have replaced the inode named
    }
    return held;
  }

  private void placeById(SyncOutputStream stream) {
    long id = stream.fileId();
    stream.placedById(id == SyncBarrier.NO_FILE_ID ? SyncVolumes.ANY_VOLUME : located(InodePaths.PREFIX + id));
  }

  private boolean isExistingDirectory(Path p) throws IOException {
    try {
      return getFileStatus(p).isDirectory();
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
  }

  /**
   * After this client renamed {@code from} (as given, qualified) to {@code to}: its streams under {@code from} now
   * write under {@code to}. A rename by inode id names no path to follow: then every stream placed by id, and every
   * stream at all, is placed again by its own id, as is a stream opened by id after any rename.
   */
  private void followRename(String from, String to) {
    boolean byId = InodePaths.isInodePath(from) || InodePaths.isInodePath(to);
    for (SyncOutputStream s : openStreams) {
      if (byId || s.isPlacedById()) {
        placeById(s);
        continue;
      }
      String rest = VolumePaths.relativize(from, s.path());
      if (rest != null) {
        s.movedTo(rest.isEmpty() ? to : (to.endsWith("/") ? to : to + "/") + rest);
      }
    }
  }

  @Override
  public HdfsDataOutputStreamBuilder createFile(Path path) {
    warnBuilderNotHeld("createFile", path);
    return super.createFile(path);
  }

  @Override
  public HdfsDataOutputStreamBuilder appendFile(Path path) {
    warnBuilderNotHeld("appendFile", path);
    return super.appendFile(path);
  }

  private void warnBuilderNotHeld(String call, Path path) {
    String p = qualified(path);
    if (guard.covers(p) && builderWarned.compareAndSet(false, true)) {
      LOG.warn("{}({}) on a sync volume: streams built with the builder API are NOT held to sync (their changes are"
          + " mirrored asynchronously); use create() or append() for sync writes. Said once per client.", call, p);
    }
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    return held(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress), f);
  }

  @Override
  public HdfsDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress, InetSocketAddress[] favoredNodes) throws IOException {
    return held(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress, favoredNodes), f);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, EnumSet<CreateFlag> flags, int bufferSize,
      short replication, long blockSize, Progressable progress, Options.ChecksumOpt checksumOpt) throws IOException {
    return held(super.create(f, permission, flags, bufferSize, replication, blockSize, progress, checksumOpt), f);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, EnumSet<CreateFlag> flags,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    return held(super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress), f);
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
    return held(super.append(f, bufferSize, progress), f);
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress, boolean appendToNewBlock)
      throws IOException {
    return held(super.append(f, bufferSize, progress, appendToNewBlock), f);
  }

  @Override
  public FSDataOutputStream append(Path f, EnumSet<CreateFlag> flag, int bufferSize, Progressable progress)
      throws IOException {
    return held(super.append(f, flag, bufferSize, progress), f);
  }

  @Override
  public FSDataOutputStream append(Path f, EnumSet<CreateFlag> flag, int bufferSize, Progressable progress,
      InetSocketAddress[] favoredNodes) throws IOException {
    return held(super.append(f, flag, bufferSize, progress, favoredNodes), f);
  }

  // --- Namespace ---

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    boolean made = super.mkdirs(f, permission);
    guard.afterChange("mkdirs", pathOf(f));
    return made;
  }

  @Override
  public boolean mkdir(Path f, FsPermission permission) throws IOException {
    boolean made = super.mkdir(f, permission);
    guard.afterChange("mkdir", pathOf(f));
    return made;
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String from = pathOf(src); // before the call: a rename by inode id takes the inode away from there
    boolean intoDirectory = !openStreams.isEmpty() && isExistingDirectory(dst); // rename(a, d) moves a into d
    boolean renamed = super.rename(src, dst);
    if (renamed) {
      String rawTo = qualified(dst);
      followRename(qualified(src), intoDirectory ? (rawTo.endsWith("/") ? rawTo : rawTo + "/") + src.getName() : rawTo);
    }
    guard.afterSubtreeChange("rename", from, pathOf(dst));
    return renamed;
  }

  @Override
  public void rename(Path src, Path dst, Options.Rename... options) throws IOException {
    String from = pathOf(src);
    super.rename(src, dst, options);
    followRename(qualified(src), qualified(dst));
    guard.afterSubtreeChange("rename", from, pathOf(dst));
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    String at = pathOf(f); // before the call: a delete by inode id leaves nothing to resolve
    boolean deleted = super.delete(f, recursive);
    guard.afterSubtreeChange("delete", at);
    return deleted;
  }

  @Override
  public boolean truncate(Path f, long newLength) throws IOException {
    boolean done = super.truncate(f, newLength);
    guard.afterChange("truncate", pathOf(f));
    return done;
  }

  @Override
  public void concat(Path trg, Path[] psrcs) throws IOException {
    super.concat(trg, psrcs);
    guard.afterChange("concat", pathOf(trg));
  }

  @Override
  public boolean setReplication(Path src, short replication) throws IOException {
    boolean set = super.setReplication(src, replication);
    guard.afterChange("setReplication", pathOf(src));
    return set;
  }

  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    super.setPermission(p, permission);
    guard.afterChange("setPermission", pathOf(p));
  }

  @Override
  public void setOwner(Path p, String username, String groupname) throws IOException {
    super.setOwner(p, username, groupname);
    guard.afterChange("setOwner", pathOf(p));
  }

  @Override
  public void setTimes(Path p, long mtime, long atime) throws IOException {
    super.setTimes(p, mtime, atime);
    guard.afterChange("setTimes", pathOf(p));
  }

  @Override
  public void setXAttr(Path path, String name, byte[] value, EnumSet<XAttrSetFlag> flag) throws IOException {
    super.setXAttr(path, name, value, flag);
    guard.afterChange("setXAttr", pathOf(path));
  }

  @Override
  public void removeXAttr(Path path, String name) throws IOException {
    super.removeXAttr(path, name);
    guard.afterChange("removeXAttr", pathOf(path));
  }

  @Override
  public void setAcl(Path path, List<AclEntry> aclSpec) throws IOException {
    super.setAcl(path, aclSpec);
    guard.afterChange("setAcl", pathOf(path));
  }

  @Override
  public void modifyAclEntries(Path path, List<AclEntry> aclSpec) throws IOException {
    super.modifyAclEntries(path, aclSpec);
    guard.afterChange("modifyAclEntries", pathOf(path));
  }

  @Override
  public void removeAclEntries(Path path, List<AclEntry> aclSpec) throws IOException {
    super.removeAclEntries(path, aclSpec);
    guard.afterChange("removeAclEntries", pathOf(path));
  }

  @Override
  public void removeDefaultAcl(Path path) throws IOException {
    super.removeDefaultAcl(path);
    guard.afterChange("removeDefaultAcl", pathOf(path));
  }

  @Override
  public void removeAcl(Path path) throws IOException {
    super.removeAcl(path);
    guard.afterChange("removeAcl", pathOf(path));
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      guard.close();
    }
  }
}
