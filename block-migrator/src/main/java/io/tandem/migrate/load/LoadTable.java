package io.tandem.migrate.load;

import io.tandem.coord.record.LoadReport;
import io.tandem.migrate.plan.LoadModel;
import io.tandem.migrate.plan.LoadScores;
import io.tandem.migrate.plan.NodeLoad;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the site's load as one DataNode sees it: the latest report it read from every DataNode,
 * its own freshest report in place of the one it read back, and every DataNode's score by the planner's
 * {@link LoadModel}, so every monitor and the planner use one formula. A score is unit-free with a site mean of 1;
 * a share is a DataNode's score over the sum of all scores, its fraction of the site's load.
 */
public final class LoadTable {
  /** Reports carry no rack; racks matter to the planner's placement, not to scores. */
  static final String NO_RACK = "/default-rack";

  private final String ownUuid;
  private final Map<String, LoadReport> reports;
  private final LoadScores scores;
  private final double scoreSum;
  private final long siteReadAtMs;
  private final List<String> rejected;

  private LoadTable(String ownUuid, Map<String, LoadReport> reports, LoadScores scores, long siteReadAtMs,
      List<String> rejected) {
    this.ownUuid = ownUuid;
    this.reports = Collections.unmodifiableMap(reports);
    this.scores = scores;
    double sum = 0;
    for (NodeLoad n : scores.nodes()) {
      sum += scores.score(n.datanodeUuid());
    }
    this.scoreSum = sum;
    this.siteReadAtMs = siteReadAtMs;
    this.rejected = List.copyOf(rejected);
  }

  /** The table before any report was read: empty. */
  public static LoadTable empty(String ownUuid, LoadModel model) {
    return new LoadTable(ownUuid, new TreeMap<>(), model.score(List.of()), 0, List.of());
  }

  /**
   * Scores the site's reports with {@code own} in place of whatever the site held for this DataNode. A report whose
   * values the model refuses (negative rates: a broken writer) is left out and named in {@link #rejected()}.
   *
   * @param siteReadAtMs when {@code site} was read from ZooKeeper
   */
  public static LoadTable of(LoadReport own, Collection<LoadReport> site, LoadModel model, long siteReadAtMs) {
    Map<String, LoadReport> byUuid = new TreeMap<>();
    Map<String, NodeLoad> loads = new TreeMap<>();
    List<String> rejected = new ArrayList<>();
    List<LoadReport> all = new ArrayList<>(site);
    all.add(own);
    for (LoadReport r : all) {
      if (r.datanodeUuid == null || (r != own && r.datanodeUuid.equals(own.datanodeUuid))) {
        continue;
      }
      try {
        loads.put(r.datanodeUuid, NodeLoad.fromReport(r, NO_RACK));
        byUuid.put(r.datanodeUuid, r);
      } catch (IllegalArgumentException e) {
        rejected.add(r.datanodeUuid);
      }
    }
    return new LoadTable(own.datanodeUuid, byUuid, model.score(loads.values()), siteReadAtMs, rejected);
  }

  /** This table with this DataNode's report replaced by one that differs only in its published score. */
  LoadTable withOwnReport(LoadReport own) {
    Map<String, LoadReport> copy = new TreeMap<>(reports);
    copy.put(ownUuid, own);
    return new LoadTable(ownUuid, copy, scores, siteReadAtMs, rejected);
  }

  public String ownUuid() {
    return ownUuid;
  }

  /** Every DataNode's report, ordered by UUID. */
  public Collection<LoadReport> reports() {
    return reports.values();
  }

  public Optional<LoadReport> report(String datanodeUuid) {
    return Optional.ofNullable(reports.get(datanodeUuid));
  }

  public int size() {
    return reports.size();
  }

  /** The DataNode's score (site mean 1; 0 across an idle site), or 0 for one not in the table. */
  public double score(String datanodeUuid) {
    return scores.contains(datanodeUuid) ? scores.score(datanodeUuid) : 0;
  }

  /** The DataNode's fraction of the site's load, from 0 to 1; 0 across an idle site. */
  public double share(String datanodeUuid) {
    return scoreSum > 0 ? score(datanodeUuid) / scoreSum : 0;
  }

  public double ownScore() {
    return score(ownUuid);
  }

  public double ownShare() {
    return share(ownUuid);
  }

  /** The DataNode with the highest score, if any DataNode is loaded at all. */
  public Optional<String> busiest() {
    String best = null;
    for (String uuid : reports.keySet()) {
      if (score(uuid) > 0 && (best == null || score(uuid) > score(best))) {
        best = uuid;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The scores as the planner sees them. */
  public LoadScores scores() {
    return scores;
  }

  /** When the other DataNodes' reports were read; 0 if never. */
  public long siteReadAtMs() {
    return siteReadAtMs;
  }

  /** DataNodes whose reports held values the load model refuses. */
  public List<String> rejected() {
    return rejected;
  }

  @Override
  public String toString() {
    return "load table of " + size() + " DataNodes, own score " + ownScore() + ", share " + ownShare();
  }
}
