package io.tandem.mirror.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The receiver's answer to one request: whether the change is stored, and if not, what the sender must do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MirrorResponse {
  /** Outcome of one request. */
  public enum Status {
    /** Stored durably on the receiver. */
    APPLIED,
    /** Nothing to do: the receiver already had it (a replay). Counts as stored. */
    ALREADY_APPLIED,
    /** The remote file does not match the prefix an append builds on: send the whole file. */
    NEED_FULL_COPY,
    /** The receiver lacks what the change builds on (e.g. a rename whose source it never got): send the subtree. */
    NEED_SYNC,
    /** Refused for good (outside the volume, wrong volume, wrong role or epoch): never retried as is. */
    REFUSED,
    /** Could not be applied now (HDFS error): retried with backoff. */
    FAILED
  }

  @JsonProperty("status") public final Status status;
  @JsonProperty("message") public final String message;
  /** The remote file's length after the request, when it concerns a file. */
  @JsonProperty("remoteLength") public final Long remoteLength;
  /** LIST results. */
  @JsonProperty("entries") public final List<ListedEntry> entries;
  /** SNAPSHOTS: the volume's snapshot names. */
  @JsonProperty("snapshots") public final List<String> snapshots;
  /** SNAPSHOTS with a snapshot: what changed since it, one line each ({@code M a}, {@code + b}, {@code R c -> d}). */
  @JsonProperty("changes") public final List<String> changes;
  /** SHIP_CLAIM: the destination's decision; with REFUSED on another request: the ship is granted to another source. */
  @JsonProperty("claim") public final ShipClaimAnswer claim;

  public MirrorResponse(Status status, String message, Long remoteLength, List<ListedEntry> entries) {
    this(status, message, remoteLength, entries, null, null);
  }

  public MirrorResponse(Status status, String message, Long remoteLength, List<ListedEntry> entries,
      List<String> snapshots, List<String> changes) {
    this(status, message, remoteLength, entries, snapshots, changes, null);
  }

  @JsonCreator
  public MirrorResponse(@JsonProperty("status") Status status, @JsonProperty("message") String message,
      @JsonProperty("remoteLength") Long remoteLength, @JsonProperty("entries") List<ListedEntry> entries,
      @JsonProperty("snapshots") List<String> snapshots, @JsonProperty("changes") List<String> changes,
      @JsonProperty("claim") ShipClaimAnswer claim) {
    this.status = status;
    this.message = message;
    this.remoteLength = remoteLength;
    this.entries = entries == null ? null : List.copyOf(entries);
    this.snapshots = snapshots == null ? null : List.copyOf(snapshots);
    this.changes = changes == null ? null : List.copyOf(changes);
    this.claim = claim;
  }

  /** The answer to a SHIP_CLAIM, or the refusal of a request whose ship is granted to another source. */
  public static MirrorResponse claim(Status status, ShipClaimAnswer answer) {
    return new MirrorResponse(status, answer.describe(), null, null, null, null, answer);
  }

  public static MirrorResponse of(Status status, String message) {
    return new MirrorResponse(status, message, null, null);
  }

  /** True when the change is stored on the receiver. */
  public boolean stored() {
    return status == Status.APPLIED || status == Status.ALREADY_APPLIED;
  }

  @Override
  public String toString() {
    return status + (message == null ? "" : ": " + message);
  }

  /** One entry of a LIST answer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class ListedEntry {
    @JsonProperty("name") public final String name;
    @JsonProperty("dir") public final boolean directory;
    @JsonProperty("length") public final long length;
    @JsonProperty("checksum") public final String checksum;
    @JsonProperty("perm") public final Short permission;

    @JsonCreator
    public ListedEntry(@JsonProperty("name") String name, @JsonProperty("dir") boolean directory,
        @JsonProperty("length") long length, @JsonProperty("checksum") String checksum,
        @JsonProperty("perm") Short permission) {
      this.name = name;
      this.directory = directory;
      this.length = length;
      this.checksum = checksum;
      this.permission = permission;
    }
  }
}
