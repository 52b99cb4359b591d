package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.List;

/**
 * The ship of one snapshot of a volume to its peer ({@code /<site>/volumes/<v>/ship}): which snapshot, from which
 * common base, how many of its portions the peer has acknowledged, and progress for status. Written by the leader
 * under its fence after each portion is acknowledged, so a resumed ship starts after the last recorded portion.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ShipRecord implements StoredRecord {
  public static final int FORMAT = 1;

  /** Where a ship stands. */
  public enum State {
    /** Portions are being sent; the peer's live directory may be mid-update. */
    SHIPPING,
    /** The peer created the snapshot: both sides hold it. */
    COMMITTED,
    /** The peer's copy changed since the common snapshot; {@link #differences} says how. Nothing was sent. */
    REFUSED
  }

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("volume") public final String volume;
  @JsonProperty("snapshot") public final String snapshot;
  /** The snapshot both sides held when the ship began; null for a first, full ship. */
  @JsonProperty("base") public final String base;
  @JsonProperty("state") public final State state;
  @JsonProperty("portionsDone") public final int portionsDone;
  @JsonProperty("portionsTotal") public final int portionsTotal;
  /** Steps in the plan, so a resumed ship can tell that it recomputed the same plan. */
  @JsonProperty("steps") public final int steps;
  @JsonProperty("filesDone") public final long filesDone;
  @JsonProperty("filesTotal") public final long filesTotal;
  @JsonProperty("bytesDone") public final long bytesDone;
  @JsonProperty("bytesTotal") public final long bytesTotal;
  /** Content bytes sent for this ship over all its attempts. */
  @JsonProperty("bytesSent") public final long bytesSent;
  @JsonProperty("bytesPerSecond") public final double bytesPerSecond;
  @JsonProperty("message") public final String message;
  @JsonProperty("differences") public final List<String> differences;
  @JsonProperty("startedAtMs") public final long startedAtMs;
  @JsonProperty("updatedAtMs") public final long updatedAtMs;
  @JsonProperty("epoch") public final long epoch;
  /**
   * True for a ship that took over from another source a ship it left mid-way: its plan settles each changed path
   * against what arrived, rather than replaying the difference.
   */
  @JsonProperty("takeover") public final boolean takeover;

  public ShipRecord(int formatVersion, String volume, String snapshot, String base, State state, int portionsDone,
      int portionsTotal, int steps, long filesDone, long filesTotal, long bytesDone, long bytesTotal, long bytesSent,
      double bytesPerSecond, String message, List<String> differences, long startedAtMs, long updatedAtMs,
      long epoch) {
    this(formatVersion, volume, snapshot, base, state, portionsDone, portionsTotal, steps, filesDone, filesTotal,
        bytesDone, bytesTotal, bytesSent, bytesPerSecond, message, differences, startedAtMs, updatedAtMs, epoch, false);
  }

  @JsonCreator
  public ShipRecord(@JsonProperty("v") int formatVersion, @JsonProperty("volume") String volume,
      @JsonProperty("snapshot") String snapshot, @JsonProperty("base") String base,
      @JsonProperty("state") State state, @JsonProperty("portionsDone") int portionsDone,
      @JsonProperty("portionsTotal") int portionsTotal, @JsonProperty("steps") int steps,
      @JsonProperty("filesDone") long filesDone, @JsonProperty("filesTotal") long filesTotal,
      @JsonProperty("bytesDone") long bytesDone, @JsonProperty("bytesTotal") long bytesTotal,
      @JsonProperty("bytesSent") long bytesSent, @JsonProperty("bytesPerSecond") double bytesPerSecond,
      @JsonProperty("message") String message, @JsonProperty("differences") List<String> differences,
      @JsonProperty("startedAtMs") long startedAtMs, @JsonProperty("updatedAtMs") long updatedAtMs,
      @JsonProperty("epoch") long epoch, @JsonProperty("takeover") boolean takeover) {
    this.formatVersion = formatVersion;
    this.volume = volume;
    this.snapshot = snapshot;
    this.base = base;
    this.state = state;
    this.portionsDone = portionsDone;
    this.portionsTotal = portionsTotal;
    this.steps = steps;
    this.filesDone = filesDone;
    this.filesTotal = filesTotal;
    this.bytesDone = bytesDone;
    this.bytesTotal = bytesTotal;
    this.bytesSent = bytesSent;
    this.bytesPerSecond = bytesPerSecond;
    this.message = message;
    this.differences = differences == null ? null : List.copyOf(differences);
    this.startedAtMs = startedAtMs;
    this.updatedAtMs = updatedAtMs;
    this.epoch = epoch;
    this.takeover = takeover;
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }

  /** Estimated milliseconds left at the recorded rate, or -1 when unknown. */
  public long etaMs() {
    if (state != State.SHIPPING || bytesPerSecond <= 0) {
      return -1;
    }
    return (long) (Math.max(0, bytesTotal - bytesDone) * 1000 / bytesPerSecond);
  }

  /** One line for status and the CLI: state, files and bytes done of total, rate, ETA. */
  public String progressLine() {
    StringBuilder b = new StringBuilder().append(snapshot).append(' ').append(state);
    if (state == State.REFUSED) {
      return b.append(": ").append(message).toString();
    }
    b.append(": ").append(filesDone).append('/').append(filesTotal).append(" files, ")
        .append(mib(bytesDone)).append('/').append(mib(bytesTotal)).append(" MiB, portion ").append(portionsDone)
        .append('/').append(portionsTotal);
    if (state == State.SHIPPING) {
      b.append(String.format(", %.2f MB/s", bytesPerSecond / 1e6));
      long eta = etaMs();
      b.append(", ETA ").append(eta < 0 ? "unknown" : (eta + 999) / 1000 + " s");
    }
    b.append(base == null ? " (full)" : " (since " + base + ")");
    return (takeover ? b.append(", taking over a ship left mid-way") : b).toString();
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / 1048576.0);
  }
}
