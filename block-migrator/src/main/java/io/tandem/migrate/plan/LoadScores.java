package io.tandem.migrate.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** One round's load scores: each DataNode's report, its score (cluster mean 1) and the mean itself. */
public final class LoadScores {
  private final LoadModel model;
  private final Map<String, NodeLoad> nodes;
  private final Map<String, Double> scores;
  private final LoadModel.ComponentMeans means;
  private final double mean;

  LoadScores(LoadModel model, Map<String, NodeLoad> sortedNodes, Map<String, Double> scores,
      LoadModel.ComponentMeans means) {
    this.model = model;
    this.nodes = Collections.unmodifiableMap(sortedNodes);
    this.scores = Collections.unmodifiableMap(scores);
    this.means = means;
    double sum = 0;
    for (double s : scores.values()) {
      sum += s;
    }
    this.mean = scores.isEmpty() ? 0 : sum / scores.size();
  }

  /** The reports scored, ordered by DataNode uuid. */
  public Collection<NodeLoad> nodes() {
    return nodes.values();
  }

  public Optional<NodeLoad> node(String datanodeUuid) {
    return Optional.ofNullable(nodes.get(datanodeUuid));
  }

  public boolean contains(String datanodeUuid) {
    return nodes.containsKey(datanodeUuid);
  }

  /** @throws IllegalArgumentException for a DataNode that did not report */
  public double score(String datanodeUuid) {
    Double s = scores.get(datanodeUuid);
    if (s == null) {
      throw new IllegalArgumentException("no load report from DataNode " + datanodeUuid);
    }
    return s;
  }

  /** 1 by construction, or 0 for an empty or idle cluster; computed, not assumed. */
  public double mean() {
    return mean;
  }

  public int size() {
    return nodes.size();
  }

  /** Score a replica with this heat carries from its source to a target; see {@link LoadModel}. */
  public double moveShare(BlockHeat heat) {
    NodeLoad source = nodes.get(heat.datanodeUuid());
    return source == null ? 0 : model.moveShare(this, source, heat);
  }

  LoadModel.ComponentMeans means() {
    return means;
  }
}
