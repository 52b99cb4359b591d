package io.tandem.hadoop.metrics;

import io.tandem.mirror.MirrorComponent;
import io.tandem.mirror.send.MirrorStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mirroring as metrics2 tags and gauges: per volume {@code Volume_<v>_LagMs}, {@code _BacklogEvents},
 * {@code _BacklogBytes}, {@code _BytesShipped}, {@code _BytesPerSec}, {@code _ChangesShipped}, {@code _Retries},
 * {@code _FullCopies}, {@code _Resyncs}, {@code _SyncAcknowledged}, {@code _SyncNotAcknowledged} and the tag
 * {@code _State}; per peer the tag {@code Link_<site>_State}; per route shipped from here ({@code Ship_<v>} to the
 * volume's peer, {@code Ship_<v>__<site>} on to another site) {@code _BytesSent}, {@code _BytesPerSec},
 * {@code _FilesSent}, {@code _Appends}, {@code _PortionsDone}, {@code _Committed} and the tag {@code _Progress}.
 */
public final class MirrorMetrics {
  private MirrorMetrics() {}

  public static Map<String, String> tags(MirrorComponent mirror) {
    Map<String, String> tags = new LinkedHashMap<>();
    mirror.linkPhases().forEach((peer, phase) -> tags.put("Link_" + name(peer) + "_State", phase));
    mirror.volumeStats().forEach((v, s) -> {
      tags.put("Volume_" + name(v) + "_State", s.state());
      tags.put("Volume_" + name(v) + "_LastError", s.lastError());
    });
    mirror.shipStats().forEach((v, s) -> tags.put("Ship_" + name(v) + "_Progress", s.progress()));
    return tags;
  }

  public static Map<String, Long> gauges(MirrorComponent mirror, long nowMs) {
    Map<String, Long> g = new LinkedHashMap<>();
    for (Map.Entry<String, MirrorStats> e : mirror.volumeStats().entrySet()) {
      String p = "Volume_" + name(e.getKey()) + "_";
      MirrorStats s = e.getValue();
      g.put(p + "LagMs", s.lagMs(nowMs));
      g.put(p + "BacklogEvents", s.backlogEvents());
      g.put(p + "BacklogBytes", s.backlogBytes());
      g.put(p + "BytesShipped", s.bytesShipped());
      g.put(p + "BytesPerSec", (long) s.bytesPerSecond(nowMs));
      g.put(p + "ChangesShipped", s.changesShipped());
      g.put(p + "Retries", s.retries());
      g.put(p + "FullCopies", s.fullCopies());
      g.put(p + "SyncAcknowledged", s.syncAcknowledged());
      g.put(p + "SyncNotAcknowledged", s.syncNotAcknowledged());
      g.put(p + "Resyncs", s.resyncs());
    }
    mirror.shipStats().forEach((v, s) -> {
      String p = "Ship_" + name(v) + "_";
      g.put(p + "BytesSent", s.bytesSent());
      g.put(p + "BytesPerSec", (long) s.bytesPerSecond(nowMs));
      g.put(p + "FilesSent", s.filesSent());
      g.put(p + "Appends", s.appends());
      g.put(p + "PortionsDone", s.portionsDone());
      g.put(p + "Committed", s.shipsCommitted());
    });
    return g;
  }

  private static String name(String s) {
    return s.replaceAll("[^A-Za-z0-9]", "_");
  }
}
