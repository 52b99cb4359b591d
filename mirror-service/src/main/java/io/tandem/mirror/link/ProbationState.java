package io.tandem.mirror.link;

/** Heartbeats are healthy both ways again; the link reconnects at {@link #endsMs()} unless a gap comes first. */
public final class ProbationState extends LinkState {
  private final long endsMs;

  ProbationState(long sinceMs, long endsMs) {
    super(sinceMs);
    this.endsMs = endsMs;
  }

  @Override
  public LinkPhase phase() {
    return LinkPhase.PROBATION;
  }

  /** The earliest time at which probation can pass: entry time plus the probation window. */
  public long endsMs() {
    return endsMs;
  }

  @Override
  String detail() {
    return ", ends at " + endsMs + " ms";
  }
}
