package io.tandem.hadoop.agent;

import io.tandem.coord.TandemVersion;
import io.tandem.coord.WedgedSessionWatchdog;
import io.tandem.coord.ZkClients;
import io.tandem.coord.ZnodePaths;
import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.component.AgentContext;
import io.tandem.coord.conf.ConfigException;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.TandemKeys;
import io.tandem.coord.conf.ZkSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.leader.LeadershipListener;
import io.tandem.coord.leader.SiteLeadership;
import io.tandem.coord.member.EphemeralMember;
import io.tandem.coord.record.AgentRecord;
import io.tandem.coord.store.JsonCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SiteAgent}: a thin driver. One thread runs {@link #init()} once and then {@link #tick()} at a fixed delay;
 * leadership changes arrive on the leadership's thread and only touch the volatile fields and the components.
 */
final class SiteAgentImpl implements SiteAgent {
  private static final Logger LOG = LoggerFactory.getLogger(SiteAgentImpl.class);

  private enum Lifecycle { LATENT, STARTED, CLOSED }

  private final Configuration conf;
  private final AgentRecord.Kind kind;
  private final String host;
  private final BooleanSupplier eligibleToLead;
  private final List<AgentComponent> components;
  private final Clock clock;
  private final long tickMs;
  private final JsonCodec codec = new JsonCodec();
  private final ScheduledExecutorService thread;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final AtomicReference<AgentState> state = new AtomicReference<>(AgentState.LATENT);
  private final Map<String, String> componentFailures = new ConcurrentHashMap<>();

  // Written once by init() on the agent thread, read by any thread.
  private volatile String agentId;
  private volatile String siteId;
  private volatile ZkSettings zkSettings;
  private volatile CuratorFramework zk;
  private volatile EphemeralMember<AgentRecord> member;
  // Owned by the agent thread.
  private SiteLeadership leadership;
  private AgentContext context;
  private WedgedSessionWatchdog watchdog;
  private long disconnectedSinceMs = -1;
  private long unregisteredSinceMs = -1;
  private String lastPublished = "";
  // Shared with the leadership thread.
  private volatile long leaderEpoch;
  private volatile String lastError;
  private volatile long startedAtMs;

  SiteAgentImpl(Configuration conf, AgentRecord.Kind kind, String defaultAgentId, String host,
      BooleanSupplier eligibleToLead, List<AgentComponent> components, Clock clock, long tickMs) {
    this.conf = conf;
    this.kind = kind;
    this.agentId = defaultAgentId;
    this.host = host;
    this.eligibleToLead = eligibleToLead;
    this.components = List.copyOf(components);
    this.clock = clock;
    this.tickMs = tickMs;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-agent");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("agent " + agentId + " cannot start: it is " + lifecycle.get());
    }
    startedAtMs = clock.millis();
    state.set(AgentState.CONNECTING);
    thread.execute(this::init);
    thread.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
  }

  private void init() {
    TandemConfig config;
    try {
      config = TandemConfig.parse(conf);
    } catch (ConfigException e) {
      String configuredId = conf.getTrimmed(TandemKeys.AGENT_ID.template());
      if (configuredId != null && TandemConfig.isValidAgentId(configuredId)) {
        agentId = configuredId; // register under the id the operator will look for
      }
      fail("invalid configuration: " + e.getMessage());
      try {
        // Still register, if ZooKeeper can be found, so tandem status shows the failure.
        connect(ZkSettings.parse(conf));
      } catch (ConfigException zkProblem) {
        LOG.error("Tandem agent cannot reach ZooKeeper either: {}", zkProblem.getMessage());
      }
      return;
    }
    config.agentId().ifPresent(id -> agentId = id);
    Thread.currentThread().setName("tandem-agent-" + config.siteId());
    connect(config.zk());
    context = new AgentContext(config, zk, new ZnodePaths(config.siteId()), codec, clock, agentId, conf);
    for (AgentComponent c : components) {
      try {
        c.start(context);
        LOG.info("Tandem agent {} started component {}", agentId, c.name());
      } catch (Exception | LinkageError e) {
        componentFailures.put(c.name(), "FAILED: " + e);
        LOG.error("Tandem component {} failed to start; the agent continues without it", c.name(), e);
      }
    }
    LOG.info("Tandem agent {} ({}, {}) started for {}", agentId, kind, TandemVersion.get(), config.zk());
  }

  private void connect(ZkSettings settings) {
    zkSettings = settings;
    siteId = settings.siteId();
    CuratorFramework client = ZkClients.newClient(settings);
    client.start();
    watchdog = new WedgedSessionWatchdog(client, settings.sessionTimeoutMs(), clock::millis);
    zk = client;
    EphemeralMember<AgentRecord> m = new EphemeralMember<>(client, new ZnodePaths(siteId).agent(agentId), record(), codec);
    m.start();
    member = m;
  }

  private void fail(String error) {
    lastError = error;
    state.set(AgentState.FAILED);
    LOG.error("Tandem agent {} FAILED, the hosting daemon is unaffected: {}", agentId, error);
  }

  private void tick() {
    try {
      if (lifecycle.get() != Lifecycle.STARTED || zk == null) {
        return;
      }
      watchdog.check();
      boolean connected = zk.getZookeeperClient().isConnected();
      trackConnection(connected);
      trackRegistration(connected);
      if (state.get() != AgentState.FAILED) {
        followEligibility();
        state.set(currentState(connected));
      }
      publish();
    } catch (RuntimeException | LinkageError e) {
      lastError = "internal error: " + e;
      LOG.error("Tandem agent {} tick failed; will retry", agentId, e);
    }
  }

  private void trackConnection(boolean connected) {
    long now = clock.millis();
    String unreachable = "ZooKeeper " + zkSettings.quorum() + " unreachable";
    if (connected) {
      if (disconnectedSinceMs >= 0 && lastError != null && lastError.startsWith(unreachable)) {
        LOG.info("Tandem agent {} reached ZooKeeper {} again", agentId, zkSettings.quorum());
        lastError = null;
      }
      disconnectedSinceMs = -1;
    } else if (disconnectedSinceMs < 0) {
      disconnectedSinceMs = now;
    } else if (now - disconnectedSinceMs >= zkSettings.connectionTimeoutMs() && state.get() != AgentState.FAILED) {
      String msg = unreachable + " for " + (now - disconnectedSinceMs) / 1000 + " s";
      if (lastError == null || !lastError.startsWith(unreachable)) {
        LOG.warn("Tandem agent {}: {}; still trying", agentId, msg);
      }
      lastError = msg;
    }
  }

  /** A connected agent whose record does not appear is invisible to status: say so in its health. */
  private void trackRegistration(boolean connected) {
    String problem = "membership record " + member.path() + " not created";
    if (member.isRegistered()) {
      if (lastError != null && lastError.startsWith(problem)) {
        lastError = null;
      }
      unregisteredSinceMs = -1;
    } else if (connected) {
      long now = clock.millis();
      if (unregisteredSinceMs < 0) {
        unregisteredSinceMs = now;
      } else if (now - unregisteredSinceMs >= zkSettings.connectionTimeoutMs() && lastError == null) {
        lastError = problem + " (check tandem.zk.acl and tandem.zk.auth)";
        LOG.warn("Tandem agent {}: {}", agentId, lastError);
      }
    }
  }

  private void followEligibility() {
    boolean eligible;
    try {
      eligible = eligibleToLead.getAsBoolean();
    } catch (RuntimeException e) {
      eligible = false;
    }
    if (eligible && leadership == null) {
      SiteLeadership l = SiteLeadership.builder(zk, new ZnodePaths(siteId), agentId).clock(clock).codec(codec).build();
      l.addListener(new ComponentNotifier());
      try {
        l.start();
        leadership = l;
      } catch (Exception e) {
        l.close();
        lastError = "could not join the election: " + e;
        LOG.warn("Tandem agent {} could not join the election; retrying", agentId, e);
      }
    } else if (!eligible && leadership != null) {
      LOG.info("Tandem agent {} leaves the election: its host may not lead now (standby)", agentId);
      leadership.close();
      leadership = null;
    }
  }

  private AgentState currentState(boolean connected) {
    if (leadership == null) {
      return connected ? AgentState.STANDBY : AgentState.CONNECTING;
    }
    if (leadership.isLeader()) {
      return AgentState.LEADER;
    }
    return connected ? AgentState.FOLLOWER : AgentState.CONNECTING;
  }

  /** Updates the membership record when anything but the timestamp changed. */
  private void publish() {
    EphemeralMember<AgentRecord> m = member;
    if (m == null) {
      return;
    }
    AgentRecord r = record();
    String key = r.state + "|" + r.leader + "|" + r.leaderEpoch + "|" + r.lastError + "|" + r.components;
    if (!key.equals(lastPublished)) {
      lastPublished = key;
      m.update(r);
    }
  }

  private AgentRecord record() {
    AgentState s = state.get();
    return new AgentRecord(AgentRecord.FORMAT, agentId, siteId, host, kind, s.name(), s == AgentState.LEADER,
        leaderEpoch, startedAtMs, clock.millis(), TandemVersion.get(), lastError, componentLines());
  }

  private Map<String, String> componentLines() {
    Map<String, String> lines = new LinkedHashMap<>();
    for (AgentComponent c : components) {
      String failure = componentFailures.get(c.name());
      if (failure != null) {
        lines.put(c.name(), failure);
        continue;
      }
      try {
        lines.put(c.name(), c.statusLine());
      } catch (RuntimeException e) {
        lines.put(c.name(), "status unavailable: " + e);
      }
    }
    return lines;
  }

  @Override
  public java.util.Optional<CuratorFramework> zooKeeper() {
    return java.util.Optional.ofNullable(zk);
  }

  @Override
  public AgentHealth health() {
    CuratorFramework client = zk;
    boolean connected = client != null && client.getZookeeperClient().isConnected();
    return new AgentHealth(siteId, agentId, state.get(), leaderEpoch, connected, lastError, componentLines());
  }

  @Override
  public void close() {
    if (!lifecycle.compareAndSet(Lifecycle.STARTED, Lifecycle.CLOSED)) {
      lifecycle.set(Lifecycle.CLOSED);
      thread.shutdownNow();
      state.set(AgentState.CLOSED);
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Tandem agent {}: its thread did not finish within 30 s; interrupting it", agentId);
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (leadership != null) {
      leadership.close();
      leadership = null;
    }
    List<AgentComponent> reversed = new ArrayList<>(components);
    Collections.reverse(reversed);
    for (AgentComponent c : reversed) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.warn("Tandem component {} did not close cleanly", c.name(), e);
      }
    }
    state.set(AgentState.CLOSED);
    if (member != null) {
      member.close();
    }
    if (zk != null) {
      zk.close();
    }
    LOG.info("Tandem agent {} stopped", agentId);
  }

  /** Relays leadership changes to the components; runs on the leadership's thread. */
  private final class ComponentNotifier implements LeadershipListener {
    @Override
    public void leadershipAcquired(FencingToken token) {
      leaderEpoch = token.epoch();
      state.set(AgentState.LEADER);
      for (AgentComponent c : components) {
        try {
          c.leadershipAcquired(token);
        } catch (RuntimeException e) {
          LOG.error("Tandem component {} failed taking the lead at epoch {}", c.name(), token.epoch(), e);
        }
      }
      requestPublish();
    }

    @Override
    public void leadershipLost(String reason) {
      leaderEpoch = 0;
      state.compareAndSet(AgentState.LEADER, AgentState.FOLLOWER);
      for (AgentComponent c : components) {
        try {
          c.leadershipLost(reason);
        } catch (RuntimeException e) {
          LOG.error("Tandem component {} failed giving up the lead", c.name(), e);
        }
      }
      requestPublish();
    }

    private void requestPublish() {
      try {
        thread.execute(SiteAgentImpl.this::tick);
      } catch (RejectedExecutionException e) {
        LOG.debug("agent closing; not publishing");
      }
    }
  }
}
