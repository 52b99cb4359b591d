package io.tandem.coord.conf;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** What a sync client ({@code TandemFileSystem}) needs to reach its site's agent. Immutable. */
public final class SyncSettings {
  private final List<InetSocketAddress> agents;
  private final long timeoutMs;

  SyncSettings(List<InetSocketAddress> agents, long timeoutMs) {
    this.agents = Collections.unmodifiableList(new ArrayList<>(agents));
    this.timeoutMs = timeoutMs;
  }

  /**
   * Reads {@code tandem.sync.*}.
   *
   * @throws ConfigException naming every invalid setting
   */
  public static SyncSettings from(Configuration conf) {
    SettingsReader r = new SettingsReader(conf);
    SyncSettings s = read(r);
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    return s;
  }

  static SyncSettings read(SettingsReader r) {
    List<InetSocketAddress> agents = new ArrayList<>();
    String listed = r.raw(TandemKeys.SYNC_AGENTS.template());
    if (listed == null) {
      InetSocketAddress listen = r.hostPort(TandemKeys.LINK_LISTEN_ADDRESS, "");
      if (listen != null) {
        agents.add(listen);
      }
    } else {
      agents.addAll(r.hostPorts(TandemKeys.SYNC_AGENTS, ""));
    }
    long timeoutMs = r.longIn(TandemKeys.SYNC_TIMEOUT_MS, "", 100, 3_600_000);
    return new SyncSettings(agents, timeoutMs);
  }

  /** This site's agents, in the order a client tries them (only the leading one answers); empty when unset. */
  public List<InetSocketAddress> agents() {
    return agents;
  }

  /** How long a sync write waits for the peer's acknowledgement before its volume's on-link-down policy applies. */
  public long timeoutMs() {
    return timeoutMs;
  }
}
