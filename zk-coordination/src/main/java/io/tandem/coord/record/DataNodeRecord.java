package io.tandem.coord.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.coord.store.StoredRecord;

/** A DataNode monitor's ephemeral membership record. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DataNodeRecord implements StoredRecord {
  public static final int FORMAT = 1;

  @JsonProperty("v") public final int formatVersion;
  @JsonProperty("uuid") public final String uuid;
  @JsonProperty("siteId") public final String siteId;
  @JsonProperty("host") public final String host;
  @JsonProperty("xferAddress") public final String xferAddress;
  @JsonProperty("ipcPort") public final int ipcPort;
  @JsonProperty("infoPort") public final int infoPort;
  @JsonProperty("startedAtMs") public final long startedAtMs;
  @JsonProperty("state") public final String state;
  @JsonProperty("lastError") public final String lastError;

  @JsonCreator
  public DataNodeRecord(@JsonProperty("v") int formatVersion, @JsonProperty("uuid") String uuid,
      @JsonProperty("siteId") String siteId, @JsonProperty("host") String host,
      @JsonProperty("xferAddress") String xferAddress, @JsonProperty("ipcPort") int ipcPort,
      @JsonProperty("infoPort") int infoPort, @JsonProperty("startedAtMs") long startedAtMs,
      @JsonProperty("state") String state, @JsonProperty("lastError") String lastError) {
    this.formatVersion = formatVersion;
    this.uuid = uuid;
    this.siteId = siteId;
    this.host = host;
    this.xferAddress = xferAddress;
    this.ipcPort = ipcPort;
    this.infoPort = infoPort;
    this.startedAtMs = startedAtMs;
    this.state = state;
    this.lastError = lastError;
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
    return "datanode " + uuid + " (" + xferAddress + ", " + state + ")";
  }
}
