package io.tandem.migrate;

import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.component.AgentContext;
import io.tandem.coord.conf.MigrateSettings;
import io.tandem.coord.leader.FencingToken;
import io.tandem.coord.store.FencedException;
import io.tandem.migrate.move.MigrationCounters;
import io.tandem.migrate.move.MigrationLeader;
import io.tandem.migrate.move.MoverSettings;
import io.tandem.migrate.plan.Plan;
import io.tandem.migrate.plan.PlannerSettings;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load-triggered block migration, hosted by the site agent: while this agent leads the site and
 * {@code tandem.migrate.enabled} is on, a round every load report interval advances the moves in the routing table
 * and plans new ones from the DataNodes' load reports ({@link MigrationLeader}). A new leader resumes the moves
 * its predecessor left in the routing table. Pausing ({@code tandem migrate pause}) stops new moves; moves under way
 * finish.
 */
public final class MigrationComponent implements AgentComponent {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationComponent.class);

  private enum State { LATENT, STARTED, CLOSED }

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final MigrationCounters counters = new MigrationCounters();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tandem-migration");
    t.setDaemon(true);
    return t;
  });
  private volatile AgentContext context;
  // Confined to the loop thread; volatile so status reads see the latest.
  private volatile MigrationLeader leader;
  private volatile ScheduledFuture<?> rounds;
  private volatile String lastError;

  @Override
  public String name() {
    return "migration";
  }

  @Override
  public void start(AgentContext ctx) {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("migration component already " + state.get());
    }
    this.context = ctx;
  }

  private boolean enabled() {
    return context != null && context.config().migrate().enabled();
  }

  @Override
  public void leadershipAcquired(FencingToken token) {
    if (state.get() != State.STARTED || !enabled()) {
      return;
    }
    loop.execute(() -> {
      stopLeading();
      long interval = context.config().migrate().reportIntervalMs();
      rounds = loop.scheduleWithFixedDelay(() -> round(token), 0, interval, TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void leadershipLost(String reason) {
    if (state.get() == State.STARTED) {
      loop.execute(this::stopLeading);
    }
  }

  private void round(FencingToken token) {
    if (!token.isCurrent()) {
      stopLeading();
      return;
    }
    try {
      if (leader == null) {
        MigrateSettings migrate = context.config().migrate();
        leader = MigrationLeader.open(context, token, PlannerSettings.builder(migrate).build(),
            MoverSettings.of(migrate), counters);
      }
      leader.round();
      lastError = null;
    } catch (FencedException e) {
      LOG.info("Migration stops: {}", e.getMessage());
      stopLeading();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      // A LinkageError (a Hadoop class missing or changed on this classpath) must not end the schedule silently.
      if (!String.valueOf(e).equals(lastError)) {
        LOG.warn("Migration round failed; retrying next round", e);
      }
      lastError = String.valueOf(e);
    }
  }

  private void stopLeading() {
    ScheduledFuture<?> r = rounds;
    rounds = null;
    if (r != null) {
      r.cancel(false);
    }
    MigrationLeader l = leader;
    leader = null;
    if (l != null) {
      l.close();
    }
  }

  public MigrationCounters counters() {
    return counters;
  }

  /** The last round's plan while leading, else null. */
  public Plan lastPlan() {
    MigrationLeader l = leader;
    return l == null ? null : l.lastPlan();
  }

  /** The DataNodes the last round counted hot, while leading; empty otherwise. */
  public Set<String> hotNodes() {
    MigrationLeader l = leader;
    return l == null ? Set.of() : l.hotNodes();
  }

  /** Routing-table entries under way at the last round, while leading; 0 otherwise. */
  public int movesInFlight() {
    MigrationLeader l = leader;
    return l == null ? 0 : l.activeMoves();
  }

  /** True while this agent runs migration rounds. */
  public boolean isActive() {
    return leader != null;
  }

  @Override
  public String statusLine() {
    if (!enabled()) {
      return "off (tandem.migrate.enabled is false)";
    }
    MigrationLeader l = leader;
    String error = lastError == null ? "" : "; last error: " + lastError;
    if (l == null) {
      return (rounds == null ? "idle (not leading)" : "starting") + error;
    }
    return l.summary() + error;
  }

  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    loop.execute(this::stopLeading);
    loop.shutdown();
    try {
      if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
