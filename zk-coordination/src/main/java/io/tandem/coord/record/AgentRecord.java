package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;
import java.util.Map;
import java.util.TreeMap;

/** An agent's ephemeral membership record: who it is, what it is doing, and what went wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AgentRecord implements StoredRecord {
  public static final int FORMAT = 1;

  /** Where the agent runs. */
  public enum Kind { NAMENODE_PLUGIN, STANDALONE }

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("agentId") public final String agentId;
  @JsonProperty("siteId") public final String siteId;
  @JsonProperty("host") public final String host;
  @JsonProperty("kind") public final Kind kind;
  @JsonProperty("state") public final String state;
  @JsonProperty("leader") public final boolean leader;
  @JsonProperty("leaderEpoch") public final long leaderEpoch;
  @JsonProperty("startedAtMs") public final long startedAtMs;
  @JsonProperty("updatedAtMs") public final long updatedAtMs;
  @JsonProperty("tandemVersion") public final String tandemVersion;
  @JsonProperty("lastError") public final String lastError;
  /** One status line per component (mirroring, shipping, migration) as each reports it. */
  @JsonProperty("components") public final Map<String, String> components;

  @JsonCreator
  public AgentRecord(@JsonProperty("v") int formatVersion, @JsonProperty("agentId") String agentId,
      @JsonProperty("siteId") String siteId, @JsonProperty("host") String host, @JsonProperty("kind") Kind kind,
      @JsonProperty("state") String state, @JsonProperty("leader") boolean leader,
      @JsonProperty("leaderEpoch") long leaderEpoch, @JsonProperty("startedAtMs") long startedAtMs,
      @JsonProperty("updatedAtMs") long updatedAtMs, @JsonProperty("tandemVersion") String tandemVersion,
      @JsonProperty("lastError") String lastError, @JsonProperty("components") Map<String, String> components) {
    this.formatVersion = formatVersion;
    this.agentId = agentId;
    this.siteId = siteId;
    this.host = host;
    this.kind = kind;
    this.state = state;
    this.leader = leader;
    this.leaderEpoch = leaderEpoch;
    this.startedAtMs = startedAtMs;
    this.updatedAtMs = updatedAtMs;
    this.tandemVersion = tandemVersion;
    this.lastError = lastError;
    this.components = components == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(components));
  }

  @Override
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int supportedFormatVersion() {
    return FORMAT;
  }

  @Override
  public String toString() {
    return "agent " + agentId + " (" + kind + " on " + host + ", " + state + (leader ? ", leader" : "") + ")";
  }
}
