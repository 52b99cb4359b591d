package io.tandem.hadoop.agent;

/** What an agent is doing, as shown in {@code tandem status}. */
public enum AgentState {
  /** Not started yet. */
  LATENT,
  /** Started; waiting for ZooKeeper. */
  CONNECTING,
  /** Hosted by a standby NameNode: registered, not in the election, idle. */
  STANDBY,
  /** In the election, another agent leads. */
  FOLLOWER,
  /** Leads the site. */
  LEADER,
  /** Cannot work (bad configuration, a bug); the hosting daemon is unaffected. See the last error. */
  FAILED,
  /** Stopped. */
  CLOSED
}
