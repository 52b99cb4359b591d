package io.tandem.it.harness;

import org.apache.hadoop.conf.Configuration;

/**
 * Declares async volumes and link timings on one of {@link TwoSites}' sites, from that site's point of view, the
 * way an operator writes them in each site's XML: same names, paths and primaries on both sites, each naming the
 * other as peer.
 */
public final class MirroredVolumes {
  private MirroredVolumes() {}

  /** The other site of the pair. */
  public static String peerOf(String site) {
    return site.equals("site-a") ? "site-b" : "site-a";
  }

  /** Heartbeat interval and timeout, probation and open-file flush, in milliseconds. */
  public static void timings(Configuration c, long intervalMs, long timeoutMs, long probationMs, long flushMs) {
    c.setLong("tandem.link.heartbeat.interval.ms", intervalMs);
    c.setLong("tandem.link.heartbeat.timeout.ms", timeoutMs);
    c.setLong("tandem.link.probation.ms", probationMs);
    c.setLong("tandem.mirror.open-file.flush.ms", flushMs);
  }

  /**
   * Declares async volumes at {@code /<name>}; {@code namesAndPrimaries} alternates a volume name and the site that
   * is primary for it, e.g. {@code "logs", "site-a", "events", "site-b"}.
   */
  public static void async(Configuration c, String site, String... namesAndPrimaries) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < namesAndPrimaries.length; i += 2) {
      String v = namesAndPrimaries[i];
      names.append(names.length() == 0 ? "" : ",").append(v);
      c.set("tandem.volume." + v + ".path", "/" + v);
      c.set("tandem.volume." + v + ".peer", peerOf(site));
      c.set("tandem.volume." + v + ".mirror", "async");
      c.set("tandem.volume." + v + ".primary", namesAndPrimaries[i + 1]);
    }
    c.set("tandem.volumes", names.toString());
  }
}
