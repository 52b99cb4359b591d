package io.tandem.coord.conf;

/** The agent-wide {@code tandem.mirror.*} settings. */
public final class MirrorSettings {
  private final long openFileFlushMs;
  private final long editLogIntervalMs;
  private final long editLogRollAboveMs;

  private MirrorSettings(SettingsReader r) {
    this.openFileFlushMs = r.longIn(TandemKeys.MIRROR_OPEN_FILE_FLUSH_MS, "", 100, 3_600_000);
    this.editLogIntervalMs = r.longIn(TandemKeys.MIRROR_EDIT_LOG_INTERVAL_MS, "", 0, 10_000);
    this.editLogRollAboveMs = r.longIn(TandemKeys.MIRROR_EDIT_LOG_ROLL_ABOVE_MS, "", 0, 600_000);
  }

  /** Reads every mirror key, leaving any problem with the reader. */
  static MirrorSettings read(SettingsReader r) {
    return new MirrorSettings(r);
  }

  /** hflushed bytes of files kept open are shipped at least this often. */
  public long openFileFlushMs() {
    return openFileFlushMs;
  }

  /** The least time between two reads of the NameNode's edit log that find new edits. */
  public long editLogIntervalMs() {
    return editLogIntervalMs;
  }

  /** A read of the edit log slower than this rolls it; 0 never. */
  public long editLogRollAboveMs() {
    return editLogRollAboveMs;
  }
}
