package io.tandem.migrate.plan;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns DataNodes' load components into one score per DataNode, normalized so the cluster mean is exactly 1.
 *
 * <p>For DataNode n with xceivers x, throughput t (bytes read + written per second) and I/O latency l, and cluster
 * means x̄, t̄, l̄:
 *
 * <pre>
 *   server(n)  = (x/x̄ + t/t̄) / 2          transfers and network
 *   storage(n) = (t/t̄ + l/l̄) / 2          bytes and I/O latency
 *   score(n)   = (S * server(n) + D * storage(n)) / (S + D)
 * </pre>
 *
 * with S and D the server and storage weights. The report has one pair of byte counters, and each byte a DataNode
 * reads or writes crosses both its network interface and its disks, so the same throughput stands for "network" in
 * server load and for "bytes" in storage load. Each component is divided by its cluster mean, so the score is
 * unit-free and its mean over the cluster is 1: "2.4x mean" is a score of 2.4. A component whose cluster mean is 0
 * (say no latency reported anywhere) is left out and the remaining weights renormalized, keeping the mean at 1; a
 * cluster where every component is 0 scores 0 everywhere and has no hot DataNode.
 *
 * <p>Moving a replica of heat b bytes/s from source s moves, in absolute terms: b bytes/s of throughput; the
 * source's transfers in proportion to the throughput share, x_s * min(1, b / t_s); and, assuming latency grows with
 * throughput at the cluster's average rate, l̄ * b / t̄ of latency. The source's score drops and the target's rises by
 * the same {@link #moveShare}, so the projected cluster mean stays 1.
 */
public final class LoadModel {
  private final double serverWeight;
  private final double storageWeight;

  public LoadModel(double serverWeight, double storageWeight) {
    if (!(serverWeight >= 0) || !(storageWeight >= 0) || !(serverWeight + storageWeight > 0)
        || Double.isInfinite(serverWeight + storageWeight)) {
      throw new IllegalArgumentException("load weights must be finite, >= 0 and not both 0, got server "
          + serverWeight + ", storage " + storageWeight);
    }
    this.serverWeight = serverWeight;
    this.storageWeight = storageWeight;
  }

  public static LoadModel of(PlannerSettings settings) {
    return new LoadModel(settings.serverWeight(), settings.storageWeight());
  }

  /**
   * Scores one report per DataNode.
   *
   * @throws IllegalArgumentException if a DataNode appears twice
   */
  public LoadScores score(Collection<NodeLoad> nodes) {
    Map<String, NodeLoad> byUuid = new TreeMap<>();
    double xSum = 0;
    double tSum = 0;
    double lSum = 0;
    for (NodeLoad n : nodes) {
      if (byUuid.put(n.datanodeUuid(), n) != null) {
        throw new IllegalArgumentException("two load reports for DataNode " + n.datanodeUuid());
      }
      xSum += n.xceivers();
      tSum += n.throughputBytesPerSec();
      lSum += n.ioLatencyMs();
    }
    int count = byUuid.size();
    ComponentMeans means = count == 0 ? new ComponentMeans(0, 0, 0)
        : new ComponentMeans(xSum / count, tSum / count, lSum / count);
    Map<String, Double> scores = new HashMap<>();
    for (NodeLoad n : byUuid.values()) {
      scores.put(n.datanodeUuid(), score(n, means));
    }
    return new LoadScores(this, byUuid, scores, means);
  }

  /** How much score a replica of this heat carries off its source (and onto its target). */
  double moveShare(LoadScores scores, NodeLoad source, BlockHeat heat) {
    ComponentMeans m = scores.means();
    double active = activeWeight(m);
    if (active == 0 || m.throughput == 0) {
      return 0;
    }
    double bytes = heat.bytesReadPerSec();
    double t = source.throughputBytesPerSec();
    double transfers = t > 0 ? source.xceivers() * Math.min(1, bytes / t) : 0;
    double sum = xceiversWeight() * norm(transfers, m.xceivers) + throughputWeight() * bytes / m.throughput
        + latencyWeight() * norm(m.latency * bytes / m.throughput, m.latency);
    return sum / active;
  }

  private double score(NodeLoad n, ComponentMeans m) {
    double active = activeWeight(m);
    if (active == 0) {
      return 0;
    }
    double sum = xceiversWeight() * norm(n.xceivers(), m.xceivers)
        + throughputWeight() * norm(n.throughputBytesPerSec(), m.throughput)
        + latencyWeight() * norm(n.ioLatencyMs(), m.latency);
    return sum / active;
  }

  private double activeWeight(ComponentMeans m) {
    return (m.xceivers > 0 ? xceiversWeight() : 0) + (m.throughput > 0 ? throughputWeight() : 0)
        + (m.latency > 0 ? latencyWeight() : 0);
  }

  private static double norm(double value, double mean) {
    return mean > 0 ? value / mean : 0;
  }

  private double xceiversWeight() {
    return serverWeight / 2;
  }

  private double throughputWeight() {
    return (serverWeight + storageWeight) / 2;
  }

  private double latencyWeight() {
    return storageWeight / 2;
  }

  @Override
  public String toString() {
    return "load model (server " + serverWeight + ", storage " + storageWeight + ")";
  }

  /** Cluster means of the raw components, the units scores are measured in. */
  static final class ComponentMeans {
    final double xceivers;
    final double throughput;
    final double latency;

    ComponentMeans(double xceivers, double throughput, double latency) {
      this.xceivers = xceivers;
      this.throughput = throughput;
      this.latency = latency;
    }
  }
}
