package io.tandem.migrate.load;

import io.tandem.coord.record.LoadReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link LocalLoad} as the compact {@link LoadReport} published in ZooKeeper: byte rates as whole numbers,
 * operation rates, transfer counts and latency to two decimals, the score to three, hot blocks as bare ids with their share of the
 * node's reads to three decimals. Rounding keeps a report near 300 bytes (plus some 20 per hot block); full doubles
 * would add some 15 characters each.
 */
public final class LoadReports {
  private LoadReports() {
  }

  /**
   * @param score this DataNode's score against the site table (see {@link LoadTable}), 0 before any table
   */
  public static LoadReport of(String datanodeUuid, long sequence, LocalLoad load, double score) {
    ActivityRates r = load.rates();
    List<Long> hot = new ArrayList<>(load.hotBlocks().size());
    List<Double> shares = new ArrayList<>(load.hotBlocks().size());
    for (HotBlock b : load.hotBlocks()) {
      hot.add(b.blockId());
      shares.add(round(b.share(), 1000));
    }
    return new LoadReport(LoadReport.FORMAT, datanodeUuid, sequence, load.atMs(), round(load.xceivers(), 100),
        round(load.transferThreads(), 100), Math.round(r.bytesReadPerSec()), Math.round(r.bytesWrittenPerSec()),
        round(r.readOpsPerSec(), 100), round(r.writeOpsPerSec(), 100), round(load.ioLatencyMs().orElse(0), 100),
        load.pattern().code(), round(score, 1000), hot, shares);
  }

  /** The same report with another score. */
  public static LoadReport withScore(LoadReport r, double score) {
    return new LoadReport(r.formatVersion, r.datanodeUuid, r.sequence, r.atMs, r.xceivers, r.transferThreads,
        r.bytesReadPerSec, r.bytesWrittenPerSec, r.blocksReadPerSec, r.blocksWrittenPerSec, r.ioLatencyMs, r.pattern,
        round(score, 1000), r.hotBlocks, r.hotShares);
  }

  static double round(double value, double scale) {
    return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
  }
}
