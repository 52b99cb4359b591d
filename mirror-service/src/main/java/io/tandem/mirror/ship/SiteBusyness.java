package io.tandem.mirror.ship;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.RecordStore;
import io.tandem.coord.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How busy this site's DataNodes are, as part of its load score when it offers to ship a snapshot: the mean traffic
 * (bytes read and written per second) of the DataNodes whose load monitors reported lately, with
 * {@value #BYTES_PER_UNIT} bytes per second per DataNode weighing as much as one other ship waiting. A ship reads
 * its snapshot from these DataNodes, so a site whose DataNodes serve less traffic spares its clients more by
 * shipping. Without load monitors ({@code tandem.migrate.enabled=false}) there are no reports and this is 0.
 */
final class SiteBusyness {
  private static final Logger LOG = LoggerFactory.getLogger(SiteBusyness.class);
  /** Traffic per DataNode that weighs as one waiting ship in the score. */
  static final double BYTES_PER_UNIT = 100e6;
  /** Reports older than this are left out: their DataNode stopped reporting. */
  static final long FRESH_MS = 60_000;

  private final RecordStore<LoadReport> reports;
  private final String parent;

  SiteBusyness(RecordStore<LoadReport> reports, String parent) {
    this.reports = reports;
    this.parent = parent;
  }

  /** The score part; 0 when the reports cannot be read (the score then weighs ships alone). */
  double score(long nowMs) throws InterruptedException {
    List<LoadReport> all = new ArrayList<>();
    try {
      for (Versioned<LoadReport> v : reports.readChildren(parent)) {
        all.add(v.value());
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.debug("load reports under {} not readable for the ship score: {}", parent, e.toString());
      return 0;
    }
    return of(all, nowMs);
  }

  /** Mean traffic of the fresh reports, in units of {@link #BYTES_PER_UNIT}; 0 with none. */
  static double of(List<LoadReport> all, long nowMs) {
    double sum = 0;
    int n = 0;
    for (LoadReport r : all) {
      if (nowMs - r.atMs <= FRESH_MS && r.bytesReadPerSec >= 0 && r.bytesWrittenPerSec >= 0) {
        sum += (double) r.bytesReadPerSec + r.bytesWrittenPerSec;
        n++;
      }
    }
    return n == 0 ? 0 : sum / n / BYTES_PER_UNIT;
  }
}
