package io.tandem.hadoop.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.record.DataNodeRecord;
import io.tandem.migrate.move.MigrationSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders site statuses as the compact text of {@code tandem status} or as JSON. */
public final class StatusRenderer {
  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String json(List<SiteStatus> sites) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sites", sites);
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(List<SiteStatus> sites, long nowMs) {
    StringBuilder b = new StringBuilder();
    for (SiteStatus s : sites) {
      b.append(s.site).append("  ZooKeeper ").append(s.zooKeeper);
      if (!s.reachable) {
        b.append("  UNREACHABLE: ").append(s.error).append('\n');
        if (s.pluginHealth != null) {
          for (Map<String, String> h : s.pluginHealth) {
            b.append("    from NameNode JMX ").append(h.getOrDefault("namenode", "?")).append(": ");
            if (h.containsKey("error")) {
              b.append(h.get("error"));
            } else {
              b.append("agent ").append(h.getOrDefault("AgentId", "?")).append(' ').append(h.getOrDefault("State", "?"));
              String err = h.get("LastError");
              if (err != null && !err.isEmpty()) {
                b.append("  ! ").append(err);
              }
            }
            b.append('\n');
          }
        }
        continue;
      }
      b.append("  leader ").append(s.leader == null ? "NONE" : s.leader);
      b.append(" (epoch ").append(s.leaderEpoch).append(")\n");
      b.append("  agents (").append(s.agents.size()).append(")\n");
      for (AgentRecord a : s.agents) {
        b.append(String.format("    %s %-28s %-16s %-9s up %s%n", a.leader ? "*" : " ", a.agentId, a.kind, a.state,
            age(nowMs - a.startedAtMs)));
        if (a.lastError != null) {
          b.append("        ! ").append(a.lastError).append('\n');
        }
        for (Map.Entry<String, String> c : a.components.entrySet()) {
          b.append("        ").append(c.getKey()).append(": ").append(c.getValue()).append('\n');
        }
      }
      b.append("  datanode monitors (").append(s.datanodes.size()).append(")\n");
      for (DataNodeRecord d : s.datanodes) {
        b.append(String.format("      %-38s %-22s %s%n", d.uuid, d.xferAddress, d.state));
        if (d.lastError != null) {
          b.append("        ! ").append(d.lastError).append('\n');
        }
      }
      if (s.migration != null) {
        migration(b, s.migration);
      }
    }
    return b.toString();
  }

  /** Moves, then one compact load bar per DataNode ('|' marks the site mean), hot ones starred. */
  public static void migration(StringBuilder b, MigrationSummary m) {
    b.append("  migration: ").append(m.headline()).append('\n');
    for (MigrationSummary.NodeLoadLine l : m.load) {
      b.append(String.format("    %s %-38s %s %5.2fx %s%n", l.hot ? "*" : " ", l.datanodeUuid,
          MigrationSummary.bar(l.score), l.score, l.pattern == null ? "" : l.pattern));
    }
  }

  /** A short age such as {@code 42s}, {@code 7m}, {@code 3h}, {@code 2d}. */
  static String age(long ms) {
    long s = Math.max(0, ms / 1000);
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 172800) {
      return (s / 3600) + "h";
    }
    return (s / 86400) + "d";
  }
}
