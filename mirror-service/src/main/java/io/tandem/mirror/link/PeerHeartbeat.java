package io.tandem.mirror.link;

/**
 * What a heartbeat from the peer tells the link. Besides proving that the peer reaches us, it is the peer's report on
 * the other direction: it echoes the send time of the newest heartbeat the peer has received from us, and we judge
 * in our own clock whether that is recent, so no comparison of the two sites' clocks is ever made. The peer hears us
 * when the echo is no more than the heartbeat timeout older than the arrival of the heartbeat carrying it.
 */
public final class PeerHeartbeat {
  /** The echo of a peer that has not received any heartbeat from us. */
  public static final long NOT_HEARD = LinkStateMachine.NEVER;

  private final long senderEpoch;
  private final long sentAtMs;
  private final long echoedSentAtMs;

  /**
   * @param senderEpoch the peer's epoch when it sent this (failover fencing reads the highest one seen)
   * @param sentAtMs the peer's clock when it sent this; we echo it back, the peer alone interprets it
   * @param echoedSentAtMs our {@code sentAtMs} from the newest heartbeat the peer received from us, or
   *     {@link #NOT_HEARD}
   */
  public PeerHeartbeat(long senderEpoch, long sentAtMs, long echoedSentAtMs) {
    if (senderEpoch < 0) {
      throw new IllegalArgumentException("heartbeat epoch must be >= 0, got " + senderEpoch);
    }
    this.senderEpoch = senderEpoch;
    this.sentAtMs = sentAtMs;
    this.echoedSentAtMs = echoedSentAtMs;
  }

  public long senderEpoch() {
    return senderEpoch;
  }

  public long sentAtMs() {
    return sentAtMs;
  }

  public long echoedSentAtMs() {
    return echoedSentAtMs;
  }

  @Override
  public String toString() {
    return "heartbeat(epoch " + senderEpoch + ", sent " + sentAtMs + ", echo "
        + (echoedSentAtMs == NOT_HEARD ? "none" : Long.toString(echoedSentAtMs)) + ")";
  }
}
