package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One change set carried from s1 to s2 by Tandem's ship and by DistCp's snapshot-diff copy, and how they compare. */
final class ShipComparison {
  final ChangeSet changeSet;
  final ShipMeasure tandem;
  final DistCpRun distcp;
  /** What differs between the source's s2 and the peer's s2 after the ship; empty when identical. */
  final List<String> tandemDifferences;
  /** What differs between the source's s2 and DistCp's target after the copy; empty when identical. */
  final List<String> distcpDifferences;

  ShipComparison(ChangeSet changeSet, ShipMeasure tandem, DistCpRun distcp, List<String> tandemDifferences,
      List<String> distcpDifferences) {
    this.changeSet = changeSet;
    this.tandem = tandem;
    this.distcp = distcp;
    this.tandemDifferences = List.copyOf(tandemDifferences);
    this.distcpDifferences = List.copyOf(distcpDifferences);
  }

  /** DistCp's bytes over Tandem's; infinite when Tandem sent nothing and DistCp did, 1 when neither did. */
  double bytesRatio() {
    if (tandem.bytesSent == 0) {
      return distcp.bytesCopied == 0 ? 1 : Double.POSITIVE_INFINITY;
    }
    return (double) distcp.bytesCopied / tandem.bytesSent;
  }

  /** DistCp's wall time over Tandem's. */
  double timeRatio() {
    return (double) distcp.nanos / Math.max(1, tandem.nanos);
  }

  boolean bytesTargetMet() {
    return changeSet.bytesRatioTarget <= 0 || bytesRatio() >= changeSet.bytesRatioTarget;
  }

  boolean timeTargetMet() {
    return changeSet.timeRatioTarget <= 0 || timeRatio() >= changeSet.timeRatioTarget;
  }

  boolean verified() {
    return tandemDifferences.isEmpty() && distcpDifferences.isEmpty();
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>(changeSet.json());
    m.put("tandem", tandem.json());
    m.put("distcp_update_diff", distcp.json());
    m.put("bytes_ratio", Double.isInfinite(bytesRatio()) ? null : Units.round(bytesRatio(), 2));
    m.put("time_ratio", Units.round(timeRatio(), 2));
    m.put("bytes_target_met", changeSet.bytesRatioTarget > 0 ? bytesTargetMet() : null);
    m.put("time_target_met", changeSet.timeRatioTarget > 0 ? timeTargetMet() : null);
    m.put("tandem_identical", tandemDifferences.isEmpty());
    m.put("distcp_identical", distcpDifferences.isEmpty());
    return m;
  }
}
