package io.tandem.coord.component;

import io.tandem.coord.leader.FencingToken;
import java.io.Closeable;

/**
 * A capability the site agent hosts (mirroring, shipping, migration). The agent starts each one, tells it when the
 * agent gains or loses the site's leadership, asks for a one-line status for {@code tandem status}, and closes it.
 * Methods are called from the agent's threads; a component must not block them for long.
 */
public interface AgentComponent extends Closeable {
  /** Short name shown in status, e.g. {@code mirror}. */
  String name();

  /** Starts work that every agent does, leader or not (e.g. serving the peer link). */
  void start(AgentContext context) throws Exception;

  /** This agent now leads the site; leader-only work starts and carries {@code token}. */
  default void leadershipAcquired(FencingToken token) {}

  /** This agent stopped leading; leader-only work must stop now (its writes are already fenced off). */
  default void leadershipLost(String reason) {}

  /** One line for {@code tandem status}. */
  String statusLine();

  @Override
  void close();
}
