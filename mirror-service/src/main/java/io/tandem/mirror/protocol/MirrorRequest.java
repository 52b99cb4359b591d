package io.tandem.mirror.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change for the receiving site, on one volume. Paths are relative to the volume's directory (the receiver
 * resolves them against its own configuration and refuses any that would leave it). The position ({@code txid},
 * {@code index}) orders requests of a volume; appends are idempotent by offset, so a replay never duplicates data.
 * The content bytes of a WRITE travel beside this header, not inside it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MirrorRequest {
  private static final byte[] EMPTY = new byte[0];

  @JsonProperty("op") public final MirrorOp op;
  @JsonProperty("volume") public final String volume;
  /** The volume's directory on the receiver as the sender knows it ({@code remote.path}); checked, never used. */
  @JsonProperty("remoteRoot") public final String remoteRoot;
  @JsonProperty("txid") public final long txid;
  @JsonProperty("index") public final int index;
  @JsonProperty("path") public final String path;
  @JsonProperty("target") public final String target;
  @JsonProperty("offset") public final Long offset;
  /** The source file's length when the data was read; with {@link #last}, the length the file must end at. */
  @JsonProperty("length") public final Long length;
  @JsonProperty("append") public final Boolean append;
  @JsonProperty("last") public final Boolean last;
  /**
   * With {@link #last} on a file still being written at the source: keep the receiver's stream open (its bytes
   * hflushed, visible to readers) so the next flush appends to it; the file's close ships a last chunk without it.
   */
  @JsonProperty("hold") public final Boolean hold;
  /** COMPOSITE_CRC checksum of the source's first {@code offset} bytes (hex), for the append prefix check. */
  @JsonProperty("prefixChecksum") public final String prefixChecksum;
  @JsonProperty("attributes") public final FileAttributes attributes;
  @JsonProperty("withChecksums") public final Boolean withChecksums;
  /** A snapshot name (SNAPSHOTS, SNAPSHOT_CREATE, SNAPSHOT_ROLLBACK). */
  @JsonProperty("snapshot") public final String snapshot;
  /** The snapshot that keeps the state a SNAPSHOT_ROLLBACK undoes. */
  @JsonProperty("keepAs") public final String keepAs;
  /** The stash number of a STASH or UNSTASH. */
  @JsonProperty("stash") public final Long stash;
  /** A SHIP_CLAIM's offer (the snapshot in {@link #snapshot}). */
  @JsonProperty("claim") public final ShipClaimOffer claim;
  @JsonIgnore private final byte[] data;
  /** Where the content starts in {@link #data}: a decoded request's content stays in the frame's array. */
  @JsonIgnore private final int dataOffset;
  @JsonIgnore private final int dataLength;

  @JsonCreator
  MirrorRequest(@JsonProperty("op") MirrorOp op, @JsonProperty("volume") String volume,
      @JsonProperty("remoteRoot") String remoteRoot, @JsonProperty("txid") long txid,
      @JsonProperty("index") int index, @JsonProperty("path") String path, @JsonProperty("target") String target,
      @JsonProperty("offset") Long offset, @JsonProperty("length") Long length,
      @JsonProperty("append") Boolean append, @JsonProperty("last") Boolean last, @JsonProperty("hold") Boolean hold,
      @JsonProperty("prefixChecksum") String prefixChecksum, @JsonProperty("attributes") FileAttributes attributes,
      @JsonProperty("withChecksums") Boolean withChecksums, @JsonProperty("snapshot") String snapshot,
      @JsonProperty("keepAs") String keepAs, @JsonProperty("stash") Long stash,
      @JsonProperty("claim") ShipClaimOffer claim) {
    this(op, volume, remoteRoot, txid, index, path, target, offset, length, append, last, hold, prefixChecksum,
        attributes, withChecksums, snapshot, keepAs, stash, claim, null, 0, 0);
  }

  private MirrorRequest(MirrorOp op, String volume, String remoteRoot, long txid, int index, String path,
      String target, Long offset, Long length, Boolean append, Boolean last, Boolean hold, String prefixChecksum,
      FileAttributes attributes, Boolean withChecksums, String snapshot, String keepAs, Long stash,
      ShipClaimOffer claim, byte[] data, int dataOffset, int dataLength) {
    this.op = op;
    this.volume = volume;
    this.remoteRoot = remoteRoot;
    this.txid = txid;
    this.index = index;
    this.path = path;
    this.target = target;
    this.offset = offset;
    this.length = length;
    this.append = append;
    this.last = last;
    this.hold = hold;
    this.prefixChecksum = prefixChecksum;
    this.attributes = attributes;
    this.withChecksums = withChecksums;
    this.snapshot = snapshot;
    this.keepAs = keepAs;
    this.stash = stash;
    this.claim = claim;
    this.data = data == null ? EMPTY : data;
    if (dataOffset < 0 || dataLength < 0 || dataOffset + dataLength > this.data.length) {
      throw new IllegalArgumentException("content at " + dataOffset + "+" + dataLength + " lies outside its "
          + this.data.length + "-byte array");
    }
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
  }

  /** The content bytes of a WRITE (empty otherwise), as a copy when they sit inside a larger array. */
  public byte[] data() {
    return dataOffset == 0 && dataLength == data.length ? data : Arrays.copyOfRange(data, dataOffset,
        dataOffset + dataLength);
  }

  /** The array holding the content, from {@link #dataOffset()} for {@link #dataLength()} bytes. Read-only. */
  public byte[] dataArray() {
    return data;
  }

  public int dataOffset() {
    return dataOffset;
  }

  public int dataLength() {
    return dataLength;
  }

  /** This request with {@code length} content bytes from {@code offset} of {@code array}, which it does not copy. */
  MirrorRequest withData(byte[] array, int offset, int length) {
    return new MirrorRequest(op, volume, remoteRoot, txid, index, path, target, this.offset, this.length, append,
        last, hold, prefixChecksum, attributes, withChecksums, snapshot, keepAs, stash, claim, array, offset, length);
  }

  public boolean isAppend() {
    return Boolean.TRUE.equals(append);
  }

  public boolean isLast() {
    return Boolean.TRUE.equals(last);
  }

  /** See {@link #hold}. */
  public boolean isHold() {
    return Boolean.TRUE.equals(hold);
  }

  /** A short description for logs: never the data. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(op).append(' ').append(volume).append(':').append(path);
    if (target != null) {
      b.append(" -> ").append(target);
    }
    if (snapshot != null) {
      b.append(" snapshot ").append(snapshot);
    }
    if (stash != null) {
      b.append(" stash ").append(stash);
    }
    if (claim != null) {
      b.append(' ').append(claim);
    }
    if (op == MirrorOp.WRITE) {
      b.append(" [").append(offset).append('+').append(dataLength).append(isAppend() ? " append" : "")
          .append(isLast() ? " last" : "").append(isHold() ? " hold" : "").append(']');
    }
    return b.append(" @").append(txid).append('.').append(index).toString();
  }

  public static Builder builder(MirrorOp op, String volume, String remoteRoot, long txid, int index) {
    return new Builder(op, volume, remoteRoot, txid, index);
  }

  /** Builds a {@link MirrorRequest}. */
  public static final class Builder {
    private final MirrorOp op;
    private final String volume;
    private final String remoteRoot;
    private final long txid;
    private final int index;
    private String path;
    private String target;
    private Long offset;
    private Long length;
    private Boolean append;
    private Boolean last;
    private Boolean hold;
    private String prefixChecksum;
    private FileAttributes attributes;
    private Boolean withChecksums;
    private String snapshot;
    private String keepAs;
    private Long stash;
    private ShipClaimOffer claim;
    private byte[] data;

    Builder(MirrorOp op, String volume, String remoteRoot, long txid, int index) {
      this.op = Objects.requireNonNull(op);
      this.volume = Objects.requireNonNull(volume);
      this.remoteRoot = remoteRoot;
      this.txid = txid;
      this.index = index;
    }

    public Builder path(String p) {
      this.path = p;
      return this;
    }

    public Builder target(String t) {
      this.target = t;
      return this;
    }

    /** The content is handed over, not copied: the caller does not change {@code bytes} afterwards. */
    public Builder write(long offsetBytes, long sourceLength, boolean isAppend, boolean isLast, byte[] bytes) {
      this.offset = offsetBytes;
      this.length = sourceLength;
      this.append = isAppend ? Boolean.TRUE : null;
      this.last = isLast ? Boolean.TRUE : null;
      this.data = bytes;
      return this;
    }

    public Builder length(long l) {
      this.length = l;
      return this;
    }

    /** Keep the receiver's stream open after this last chunk (see {@link MirrorRequest#hold}). */
    public Builder hold(boolean h) {
      this.hold = h ? Boolean.TRUE : null;
      return this;
    }

    public Builder prefixChecksum(String hex) {
      this.prefixChecksum = hex;
      return this;
    }

    public Builder attributes(FileAttributes a) {
      this.attributes = a;
      return this;
    }

    public Builder withChecksums(boolean w) {
      this.withChecksums = w ? Boolean.TRUE : null;
      return this;
    }

    public Builder snapshot(String name) {
      this.snapshot = name;
      return this;
    }

    public Builder keepAs(String name) {
      this.keepAs = name;
      return this;
    }

    public Builder stash(long number) {
      this.stash = number;
      return this;
    }

    public Builder claim(ShipClaimOffer offer) {
      this.claim = offer;
      return this;
    }

    public MirrorRequest build() {
      return new MirrorRequest(op, volume, remoteRoot, txid, index, path, target, offset, length, append, last, hold,
          prefixChecksum, attributes, withChecksums, snapshot, keepAs, stash, claim, data, 0,
          data == null ? 0 : data.length);
    }
  }

  /** Attributes carried by MKDIRS, WRITE (last chunk) and SET_ATTRIBUTES; null fields are left as they are. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class FileAttributes {
    @JsonProperty("perm") public final Short permission;
    @JsonProperty("owner") public final String owner;
    @JsonProperty("group") public final String group;
    @JsonProperty("mtime") public final Long mtime;
    @JsonProperty("atime") public final Long atime;
    @JsonProperty("replication") public final Short replication;
    /** ACL entries in Hadoop's text form (e.g. {@code user:bob:r-x}); an empty list removes the ACL. */
    @JsonProperty("acl") public final List<String> acl;
    /** Extended attributes to set, values base64. */
    @JsonProperty("xattrs") public final Map<String, String> xattrs;
    /** Extended attribute names to remove. */
    @JsonProperty("xattrsRemoved") public final List<String> xattrsRemoved;
    /**
     * True when {@link #xattrs} is the whole set: any other extended attribute the receiver's copy has (except
     * Tandem's own) is removed. A ship sends a file's attributes this way, from its snapshot.
     */
    @JsonProperty("xattrsExact") public final Boolean xattrsExact;

    public FileAttributes(Short permission, String owner, String group, Long mtime, Long atime, Short replication,
        List<String> acl, Map<String, String> xattrs, List<String> xattrsRemoved) {
      this(permission, owner, group, mtime, atime, replication, acl, xattrs, xattrsRemoved, null);
    }

    @JsonCreator
    public FileAttributes(@JsonProperty("perm") Short permission, @JsonProperty("owner") String owner,
        @JsonProperty("group") String group, @JsonProperty("mtime") Long mtime, @JsonProperty("atime") Long atime,
        @JsonProperty("replication") Short replication, @JsonProperty("acl") List<String> acl,
        @JsonProperty("xattrs") Map<String, String> xattrs, @JsonProperty("xattrsRemoved") List<String> xattrsRemoved,
        @JsonProperty("xattrsExact") Boolean xattrsExact) {
      this.permission = permission;
      this.owner = owner;
      this.group = group;
      this.mtime = mtime;
      this.atime = atime;
      this.replication = replication;
      this.acl = acl == null ? null : List.copyOf(acl);
      this.xattrs = xattrs == null ? null : Map.copyOf(xattrs);
      this.xattrsRemoved = xattrsRemoved == null ? null : List.copyOf(xattrsRemoved);
      this.xattrsExact = xattrsExact;
    }

    public static FileAttributes of(Short permission, String owner, String group) {
      return new FileAttributes(permission, owner, group, null, null, null, null, null, null);
    }
  }
}
