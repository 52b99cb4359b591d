package io.tandem.mirror;

import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.component.AgentContext;
import io.tandem.coord.conf.TandemConfig;
import io.tandem.coord.conf.VolumeSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.record.VolumeControl;
import io.tandem.coord.store.RecordStore;
import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.capture.EditLogSource;
import io.tandem.mirror.claim.ClaimRule;
import io.tandem.mirror.claim.ReceiverClaims;
import io.tandem.mirror.claim.ZkClaimStore;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.link.net.LinkTransportConfig;
import io.tandem.mirror.link.net.PeerLink;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.role.VolumeRoles;
import io.tandem.mirror.send.LinkTransport;
import io.tandem.mirror.send.VolumeEndpoints;
import io.tandem.mirror.send.VolumeMirror;
import io.tandem.mirror.send.ZkCheckpointStore;
import io.tandem.mirror.ship.ShipService;
import io.tandem.mirror.wire.LinkAuthenticator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous mirroring, hosted by the site agent. Only the site's leader mirrors: on taking the lead it settles the
 * volumes' roles, opens the receiving port, links to each peer it sends to and starts one mirror per volume it is
 * primary for; on losing the lead it stops all of it (its ZooKeeper writes are fenced off already).
 */
public final class MirrorComponent implements AgentComponent {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorComponent.class);

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tandem-mirror-component");
    t.setDaemon(true);
    return t;
  });
  private static final io.tandem.coord.retry.Backoff START_BACKOFF = new io.tandem.coord.retry.Backoff(500, 30_000);

  private final MirrorCodec codec = new MirrorCodec();
  private final AtomicReference<Running> running = new AtomicReference<>();
  private volatile AgentContext context;
  private volatile String lastError;

  @Override
  public String name() {
    return "mirror";
  }

  @Override
  public void start(AgentContext ctx) {
    this.context = ctx;
  }

  private boolean hasWork(TandemConfig config) {
    if (config.link().listenAddress() != null) {
      return true;
    }
    for (VolumeSettings v : config.volumes().values()) {
      if (v.mirror() != VolumeSettings.MirrorMode.OFF || v.ship() || !v.onward().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void leadershipAcquired(FencingToken token) {
    thread.execute(() -> {
      stopRunning("a new term");
      startRunning(token, 0);
    });
  }

  /**
   * Starts this term's work; if that fails (the link port still taken, HDFS unreachable), retries with backoff for as
   * long as this agent holds the same leadership.
   */
  private void startRunning(FencingToken token, int attempt) {
    if (!token.isCurrent() || !hasWork(context.config()) || running.get() != null) {
      return;
    }
    Running r = null;
    try {
      r = new Running(context, token, codec, () -> rolesChanged(token));
      r.start();
      running.set(r);
      lastError = null;
    } catch (Exception | LinkageError e) {
      if (r != null) {
        r.close();
      }
      long delay = START_BACKOFF.delayMs(attempt);
      lastError = "mirroring did not start: " + e + "; retrying in " + delay + " ms";
      LOG.error("Mirroring did not start at epoch {}; retrying in {} ms while this agent leads", token.epoch(), delay, e);
      try {
        thread.schedule(() -> startRunning(token, attempt + 1), delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // The component is closing: nothing to retry for.
      }
    }
  }

  /** A volume changed role (failover promote or demote): the mirroring of this term starts again with the new roles. */
  private void rolesChanged(FencingToken token) {
    LOG.info("Volume roles changed: mirroring restarts with the new roles at leader epoch {}", token.epoch());
    leadershipAcquired(token);
  }

  @Override
  public void leadershipLost(String reason) {
    thread.execute(() -> stopRunning(reason));
  }

  private void stopRunning(String why) {
    Running r = running.getAndSet(null);
    if (r != null) {
      LOG.info("Mirroring stops: {}", why);
      r.close();
    }
  }

  @Override
  public String statusLine() {
    Running r = running.get();
    if (lastError != null) {
      return "FAILED: " + lastError;
    }
    return r == null ? "idle (not leading)" : r.statusLine();
  }

  /** The sending side's counters per volume (empty when not leading), for metrics. */
  public Map<String, io.tandem.mirror.send.MirrorStats> volumeStats() {
    Running r = running.get();
    Map<String, io.tandem.mirror.send.MirrorStats> m = new LinkedHashMap<>();
    if (r != null) {
      for (PeerSender s : r.senders) {
        for (VolumeMirror v : s.mirrors()) {
          m.put(v.volume(), v.stats());
        }
      }
    }
    return m;
  }

  /** Each shipped volume's ship counters in this term (empty when not leading), for metrics and tests. */
  public Map<String, io.tandem.mirror.ship.ShipStats> shipStats() {
    Running r = running.get();
    return r == null || r.ships == null ? Map.of() : r.ships.stats();
  }

  /** Each peer link's phase (empty when not leading), for metrics. */
  public Map<String, String> linkPhases() {
    Running r = running.get();
    Map<String, String> m = new LinkedHashMap<>();
    if (r != null) {
      for (PeerSender s : r.senders) {
        m.put(s.link().peerSite(), s.link().state().phase().name());
      }
    }
    return m;
  }

  /** Per-volume and per-link details for status and metrics; empty when not leading. */
  public Map<String, String> details() {
    Running r = running.get();
    return r == null ? Map.of() : r.details();
  }

  @Override
  public void close() {
    thread.execute(() -> stopRunning("agent stopping"));
    thread.shutdown();
    try {
      if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Everything mirroring runs during one term of leadership. */
  private static final class Running implements AutoCloseable {
    private final AgentContext ctx;
    private final FencingToken token;
    private final MirrorCodec codec;
    private final DistributedFileSystem fs;
    private final VolumeRoles roles;
    private final List<PeerSender> senders = new ArrayList<>();
    private final RecordStore<VolumeControl> controls;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tandem-mirror-housekeeping");
      t.setDaemon(true);
      return t;
    });
    private MirrorReceiver receiver;
    private ReceiverClaims claims;
    private final Runnable onRolesChanged;
    private final SyncBarrierHandler syncBarriers = new SyncBarrierHandler();
    private ShipService ships;
    private LinkTls serverTls;
    private LinkTls clientTls;

    Running(AgentContext ctx, FencingToken token, MirrorCodec codec, Runnable onRolesChanged) throws IOException {
      this.ctx = ctx;
      this.onRolesChanged = onRolesChanged;
      this.token = token;
      this.codec = codec;
      Configuration conf = ctx.hadoopConf();
      conf.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
      this.fs = (DistributedFileSystem) FileSystem.newInstance(FileSystem.getDefaultUri(conf), conf);
      this.roles = new VolumeRoles(ctx.zk(), ctx.paths(), ctx.codec(), ctx.config().siteId());
      this.controls = new RecordStore<>(ctx.zk(), VolumeControl.class, ctx.codec());
    }

    void start() throws Exception {
      TandemConfig config = ctx.config();
      roles.initialize(config.volumes().values(), token, ctx.clock().millis());
      LinkTransportConfig linkConfig = LinkTransportConfig.from(config.link());
      Configuration conf = ctx.hadoopConf();
      LinkAuthenticator auth = LinkAuthenticator.fromConfiguration(conf, config.siteId());
      if (config.link().listenAddress() != null) {
        serverTls = LinkTls.fromConfiguration(conf, config.link().tlsEnabled(), true);
        claims = new ReceiverClaims(new ClaimRule(config.shipClaimWindowMs(), config.shipClaimLeaseMs()),
            new ZkClaimStore(ctx.zk(), ctx.paths(), ctx.codec(), token), ctx.clock()::millis);
        ChangeApplier applier = new ChangeApplier(fs, this::receivingVolume, roles, claims);
        receiver = new MirrorReceiver(config.link().listenAddress(), linkConfig, auth, applier, serverTls, token::epoch,
            syncBarriers);
        receiver.start();
      }
      clientTls = LinkTls.fromConfiguration(conf, config.link().tlsEnabled(), false);
      EditLogSource editLog = new EditLogSource(fs, config.mirror().editLogIntervalMs(),
          config.mirror().editLogRollAboveMs());
      Map<String, PeerSender> byPeer = new LinkedHashMap<>();
      for (VolumeSettings v : config.volumes().values()) {
        if (v.mirror() == VolumeSettings.MirrorMode.OFF || !roles.isPrimary(v.name())) {
          continue;
        }
        PeerSender sender = byPeer.computeIfAbsent(v.peer(), peer -> newSender(peer, linkConfig, auth));
        VolumeEndpoints ends = new VolumeEndpoints(v.name(), v.path(), v.remotePath(), fs);
        ZkCheckpointStore checkpoints = new ZkCheckpointStore(ctx.zk(), ctx.paths(), ctx.codec(), token,
            () -> roles.epoch(v.name()), ctx.clock());
        VolumeMirror mirror = new VolumeMirror(ends, new LinkTransport(sender.link(), codec, v.name()), checkpoints,
            editLog, () -> roles.epoch(v.name()), ctx.clock()::millis, config.openFileFlushMs());
        sender.add(mirror);
        if (v.mirror() == VolumeSettings.MirrorMode.SYNC) {
          syncBarriers.register(mirror);
        }
      }
      for (String site : ShipService.destinations(config, roles::roleOf)) {
        if (config.link().peerAddress(site) != null) {
          byPeer.computeIfAbsent(site, peer -> newSender(peer, linkConfig, auth));
        }
      }
      senders.addAll(byPeer.values());
      senders.forEach(PeerSender::start);
      if (!byPeer.isEmpty() && ShipService.hasWork(config)) {
        ships = new ShipService(fs, config, ctx.zk(), ctx.paths(), ctx.codec(), token, ctx.clock(), roles::roleOf,
            roles::epoch, (site, v) -> byPeer.containsKey(site)
                ? new LinkTransport(byPeer.get(site).link(), codec, v.name()) : null);
        ships.start();
      }
      housekeeping.scheduleWithFixedDelay(this::housekeep, 100, 100, TimeUnit.MILLISECONDS);
      LOG.info("Mirroring runs at leader epoch {}: {} peer link(s), {} volume(s) sent, receiving on {}", token.epoch(),
          senders.size(), senders.stream().mapToInt(s -> s.mirrors().size()).sum(),
          receiver == null ? "no port" : receiver.boundAddress());
    }

    private PeerSender newSender(String peer, LinkTransportConfig linkConfig, LinkAuthenticator auth) {
      PeerSender[] self = new PeerSender[1];
      PeerLink link = PeerLink.builder(peer, ctx.config().link().peerAddresses(peer), linkConfig, auth)
          .listener((previous, current) -> self[0].onLinkStateChange(previous, current))
          .tls(clientTls)
          .localEpoch(token::epoch)
          .build();
      self[0] = new PeerSender(link, ctx.clock()::millis);
      return self[0];
    }

    private Optional<ReceivingVolume> receivingVolume(String name) {
      VolumeSettings v = ctx.config().volumes().get(name);
      if (v == null || v.senders().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ReceivingVolume(name, v.path(), v.senders()));
    }

    private long lastRoleRefresh;
    private boolean rolesChangeSignalled;

    private void housekeep() {
      try {
        senders.forEach(PeerSender::checkReplayDrained);
        long now = ctx.clock().millis();
        if (now - lastRoleRefresh > 2000) {
          lastRoleRefresh = now;
          if (roles.refresh() && !rolesChangeSignalled) {
            rolesChangeSignalled = true;
            onRolesChanged.run();
            return;
          }
          for (PeerSender s : senders) {
            for (VolumeMirror m : s.mirrors()) {
              m.setPaused(controls.read(ctx.paths().volumeControl(m.volume())).map(c -> c.value().paused).orElse(false));
            }
          }
        }
      } catch (Exception e) {
        LOG.debug("mirror housekeeping: {}", e.toString());
      }
    }

    String statusLine() {
      StringBuilder b = new StringBuilder();
      for (PeerSender s : senders) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append("link ").append(s.link().peerSite()).append(' ').append(s.link().state().phase());
        for (VolumeMirror m : s.mirrors()) {
          b.append(", ").append(MirrorStatusFormat.volumeLine(m, ctx.clock().millis()));
        }
      }
      if (receiver != null) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append("receiving on ").append(receiver.boundAddress().getPort()).append(": ").append(receiver.applied.get())
            .append(" applied, ").append(receiver.refused.get()).append(" refused");
        claims.describe().forEach((v, line) -> b.append("; claim.").append(v).append(' ').append(line));
      }
      if (ships != null) {
        ships.details(ctx.clock().millis()).forEach((k, line) -> b.append(b.length() == 0 ? "" : "; ").append(k)
            .append(' ').append(line));
      }
      return b.length() == 0 ? "nothing to mirror" : b.toString();
    }

    Map<String, String> details() {
      Map<String, String> d = new LinkedHashMap<>();
      if (ships != null) {
        d.putAll(ships.details(ctx.clock().millis()));
      }
      if (claims != null) {
        claims.describe().forEach((v, line) -> d.put("claim." + v, line));
      }
      for (PeerSender s : senders) {
        d.put("link." + s.link().peerSite(), s.link().status().toString());
        for (VolumeMirror m : s.mirrors()) {
          d.put("volume." + m.volume(), MirrorStatusFormat.volumeLine(m, ctx.clock().millis()));
        }
      }
      return d;
    }

    @Override
    public void close() {
      housekeeping.shutdownNow();
      if (ships != null) {
        ships.close();
      }
      senders.forEach(PeerSender::close);
      if (receiver != null) {
        receiver.close();
      }
      if (serverTls != null) {
        serverTls.close();
      }
      if (clientTls != null) {
        clientTls.close();
      }
      try {
        fs.close();
      } catch (IOException e) {
        LOG.debug("closing mirror filesystem: {}", e.toString());
      }
    }
  }
}
