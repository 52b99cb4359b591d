package io.tandem.mirror;

import io.tandem.mirror.send.MirrorStats;
import io.tandem.mirror.send.VolumeMirror;
import java.util.Locale;

/** The compact one-line form of a volume's mirroring state, as {@code tandem status} shows it. */
final class MirrorStatusFormat {
  private MirrorStatusFormat() {}

  static String volumeLine(VolumeMirror m, long nowMs) {
    MirrorStats s = m.stats();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%s %s lag %.1fs backlog %d ev/%s shipped %s in %d changes (%s/s)", m.volume(), s.state(),
        s.lagMs(nowMs) / 1000.0, s.backlogEvents(), bytes(s.backlogBytes()), bytes(s.bytesShipped()),
        s.changesShipped(), bytes((long) s.bytesPerSecond(nowMs))));
    if (s.syncAcknowledged() + s.syncNotAcknowledged() > 0) {
      b.append(String.format(Locale.ROOT, ", sync %d acknowledged (mean wait %.0f ms)", s.syncAcknowledged(),
          s.syncMeanWaitMs()));
      if (s.syncNotAcknowledged() > 0) {
        // Shout: these writes returned (degrade) or failed (fail) without the peer holding them.
        b.append(String.format(Locale.ROOT, ", SYNC NOT ACKNOWLEDGED %d (last %.0fs ago: %s)", s.syncNotAcknowledged(),
            (nowMs - s.syncLastMissMs()) / 1000.0, s.syncLastMiss()));
      }
    }
    if (s.retries() > 0) {
      b.append(", ").append(s.retries()).append(" retries");
    }
    if (s.resyncs() > 0) {
      b.append(", ").append(s.resyncs()).append(" resyncs");
    }
    if (s.lastError() != null) {
      b.append(", last error: ").append(s.lastError());
    }
    return b.toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / 1073741824.0);
  }
}
