package io.tandem.hadoop.agent;

import java.util.Map;
import java.util.TreeMap;

/** An immutable snapshot of an agent's health, for status, metrics and its membership record. */
public final class AgentHealth {
  private final String siteId;
  private final String agentId;
  private final AgentState state;
  private final long leaderEpoch;
  private final boolean zkConnected;
  private final String lastError;
  private final Map<String, String> components;

  AgentHealth(String siteId, String agentId, AgentState state, long leaderEpoch, boolean zkConnected,
      String lastError, Map<String, String> components) {
    this.siteId = siteId;
    this.agentId = agentId;
    this.state = state;
    this.leaderEpoch = leaderEpoch;
    this.zkConnected = zkConnected;
    this.lastError = lastError;
    this.components = java.util.Collections.unmodifiableMap(new TreeMap<>(components));
  }

  /** The site id, or null when even it could not be read from the configuration. */
  public String siteId() {
    return siteId;
  }

  public String agentId() {
    return agentId;
  }

  public AgentState state() {
    return state;
  }

  public boolean leader() {
    return state == AgentState.LEADER;
  }

  /** The epoch this agent leads at, 0 when it does not lead. */
  public long leaderEpoch() {
    return leaderEpoch;
  }

  public boolean zkConnected() {
    return zkConnected;
  }

  /** The most recent problem, or null. */
  public String lastError() {
    return lastError;
  }

  public Map<String, String> components() {
    return components;
  }

  @Override
  public String toString() {
    return "agent " + agentId + " of " + siteId + ": " + state + (lastError == null ? "" : " (" + lastError + ")");
  }
}
