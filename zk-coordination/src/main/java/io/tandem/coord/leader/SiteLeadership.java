package io.tandem.coord.leader;

import io.tandem.coord.ZnodePaths;
import io.tandem.coord.store.JsonCodec;
import java.io.Closeable;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * Election of the site coordinator among a site's agents. At most one participant holds a current
 * {@link FencingToken} at a time: a leader that sees its ZooKeeper connection SUSPENDED or LOST gives up the token
 * at once, before any other participant can be elected, and every write made with a stale token is refused by
 * ZooKeeper itself.
 */
public interface SiteLeadership extends Closeable {
  /** Lifecycle of one election participant; a closed one is never restarted (build a new one). */
  enum State { LATENT, STARTED, CLOSED }

  /** Joins the election. */
  void start() throws Exception;

  /** Leaves the election, giving up leadership first. */
  @Override
  void close();

  State state();

  /** True while this participant leads and its token is current. */
  boolean isLeader();

  /** The current token, if this participant leads. */
  Optional<FencingToken> token();

  String participantId();

  /** The id of the participant that currently leads, as ZooKeeper sees it, if any. */
  Optional<String> currentLeaderId();

  /** Registers a listener; it is told of the current leadership at once if this participant already leads. */
  void addListener(LeadershipListener listener);

  static Builder builder(CuratorFramework client, ZnodePaths paths, String participantId) {
    return new Builder(client, paths, participantId);
  }

  /** Builds a {@link SiteLeadership}. */
  final class Builder {
    private final CuratorFramework client;
    private final ZnodePaths paths;
    private final String participantId;
    private Clock clock = Clock.systemUTC();
    private JsonCodec codec = new JsonCodec();

    Builder(CuratorFramework client, ZnodePaths paths, String participantId) {
      this.client = Objects.requireNonNull(client, "client");
      this.paths = Objects.requireNonNull(paths, "paths");
      this.participantId = Objects.requireNonNull(participantId, "participantId");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec);
      return this;
    }

    public SiteLeadership build() {
      return new SiteLeadershipImpl(client, paths, participantId, clock, codec);
    }
  }
}
