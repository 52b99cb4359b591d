package io.tandem.coord.leader;

/** Told when this participant starts or stops leading. Called only on a change, on the leadership's own thread. */
public interface LeadershipListener {
  /** This participant now leads; act only with {@code token}. */
  void leadershipAcquired(FencingToken token);

  /** This participant no longer leads (already fenced off when this is called); stop acting. */
  void leadershipLost(String reason);
}
