package io.tandem.hadoop.agent;

import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.record.AgentRecord;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The Tandem agent of a site: registers itself in the site's ZooKeeper, joins the election of the site coordinator
 * while its host may lead (a standby NameNode's agent idles), and hosts the components (mirroring, shipping,
 * migration), telling them when it gains or loses the lead. The same agent runs inside the NameNode
 * ({@code TandemNameNodePlugin}) or standalone ({@code tandem agent}).
 *
 * <p>{@link #start()} never throws for a bad configuration or an unreachable ZooKeeper: the agent reports the
 * problem as {@link AgentState#FAILED} or {@link AgentState#CONNECTING} with its last error, in the log, in its
 * metrics and (when ZooKeeper is reachable) in its membership record, so the hosting daemon is never affected.
 */
public interface SiteAgent extends Closeable {
  /** Starts the agent in the background; returns at once. */
  void start();

  /** Stops every component, leaves the election and deregisters. */
  @Override
  void close();

  /** The agent's health right now. */
  AgentHealth health();

  /** The agent's ZooKeeper client once it connected, for fault tests and diagnostics; empty before. */
  java.util.Optional<org.apache.curator.framework.CuratorFramework> zooKeeper();

  static Builder builder(Configuration conf) {
    return new Builder(conf);
  }

  /** Builds a {@link SiteAgent}. */
  final class Builder {
    private final Configuration conf;
    private AgentRecord.Kind kind = AgentRecord.Kind.STANDALONE;
    private String defaultAgentId;
    private String host = Hosts.localHostName();
    private BooleanSupplier eligibleToLead = () -> true;
    private final List<AgentComponent> components = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private long tickMs = 1000;

    Builder(Configuration conf) {
      this.conf = new Configuration(Objects.requireNonNull(conf, "conf"));
      this.defaultAgentId = host + "-" + ProcessHandle.current().pid();
    }

    public Builder kind(AgentRecord.Kind kind) {
      this.kind = Objects.requireNonNull(kind);
      return this;
    }

    /** The agent id unless {@code tandem.agent.id} is set. */
    public Builder defaultAgentId(String id) {
      this.defaultAgentId = Objects.requireNonNull(id);
      return this;
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** Whether the host may lead right now (an active NameNode may; a standby may not). Polled every tick. */
    public Builder eligibleToLead(BooleanSupplier eligible) {
      this.eligibleToLead = Objects.requireNonNull(eligible);
      return this;
    }

    public Builder component(AgentComponent component) {
      components.add(Objects.requireNonNull(component));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How often the agent re-checks its connection and eligibility. */
    public Builder tickMs(long tickMs) {
      if (tickMs <= 0) {
        throw new IllegalArgumentException("tick must be positive, got " + tickMs);
      }
      this.tickMs = tickMs;
      return this;
    }

    public SiteAgent build() {
      return new SiteAgentImpl(conf, kind, defaultAgentId, host, eligibleToLead, components, clock, tickMs);
    }
  }
}
