package io.tandem.hadoop.agent;

import io.tandem.coord.component.AgentComponent;
import io.tandem.coord.component.AgentContext;
import io.tandem.coord.leader.FencingToken;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A component that records what the agent tells it; optionally fails to start. */
final class RecordingComponent implements AgentComponent {
  final String name;
  final boolean failOnStart;
  final List<String> events = new CopyOnWriteArrayList<>();
  volatile FencingToken token;

  RecordingComponent(String name, boolean failOnStart) {
    this.name = name;
    this.failOnStart = failOnStart;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(AgentContext context) {
    if (failOnStart) {
      throw new IllegalStateException("boom");
    }
    events.add("start " + context.agentId());
  }

  @Override
  public void leadershipAcquired(FencingToken t) {
    token = t;
    events.add("acquired " + t.epoch());
  }

  @Override
  public void leadershipLost(String reason) {
    token = null;
    events.add("lost");
  }

  @Override
  public String statusLine() {
    return token == null ? "idle" : "acting at epoch " + token.epoch();
  }

  @Override
  public void close() {
    events.add("close");
  }
}
