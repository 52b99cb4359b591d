package io.tandem.mirror.sync;

import java.util.Objects;

/** The agent's answer to a {@link SyncBarrier}. Immutable. */
public final class SyncOutcome {
  /** What happened. The wire code of each is fixed once released. */
  public enum Status {
    /** The peer stored every change up to the barrier. */
    ACKNOWLEDGED(1),
    /** The link to the peer carries no traffic (DOWN, on probation, replaying a backlog) or mirroring is paused. */
    LINK_DOWN(2),
    /** The peer did not acknowledge within the barrier's timeout. */
    TIMEOUT(3),
    /** This agent does not send the volume: it is not sync, not primary here, or the agent is not leading. */
    NOT_SENDING(4),
    /** The barrier itself is malformed. */
    REFUSED(5),
    /** The volume's mirror hit an error (it retries by itself) before the peer acknowledged. */
    FAILED(6);

    private final byte code;

    Status(int code) {
      this.code = (byte) code;
    }

    byte code() {
      return code;
    }

    static Status fromCode(byte code) {
      for (Status s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      return null;
    }
  }

  private final Status status;
  private final String detail;

  public SyncOutcome(Status status, String detail) {
    this.status = Objects.requireNonNull(status, "status");
    this.detail = detail == null ? "" : detail;
  }

  public static SyncOutcome ofAcknowledged() {
    return new SyncOutcome(Status.ACKNOWLEDGED, "");
  }

  public Status status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  public boolean acknowledged() {
    return status == Status.ACKNOWLEDGED;
  }

  @Override
  public String toString() {
    return detail.isEmpty() ? status.name() : status + ": " + detail;
  }
}
