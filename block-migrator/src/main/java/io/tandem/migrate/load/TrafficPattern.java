package io.tandem.migrate.load;

import java.util.Locale;
import java.util.Objects;

/**
 * What kind of traffic a DataNode serves, from the rates of one window: its direction (read-heavy, write-heavy or
 * mixed) and its access shape (small random operations or large sequential ones).
 *
 * <p>Direction: one side is "heavy" when it moves at least {@link #DOMINANCE} times the bytes of the other; else the
 * traffic is mixed. Shape: the average operation of the window, bytes moved per block operation completed, is
 * compared with {@link #LARGE_OPERATION_BYTES}. HDFS counts a read operation per client read request served (a
 * positional read of 64 KiB is one, a stream over a whole block is one) and a write operation per block replica
 * received, so small random readers such as HBase (64 KiB blocks) fall below it and scans, which stream whole blocks
 * of 128 MiB, far above. Bytes that moved while no operation completed belong to transfers longer than the window:
 * sequential. A window without bytes or operations is idle.
 */
public final class TrafficPattern {
  /** How many times the other side's bytes one side must move to count as heavy. */
  public static final double DOMINANCE = 2.0;
  /** Average bytes per operation from which access counts as large and sequential: 256 KiB. */
  public static final double LARGE_OPERATION_BYTES = 256 * 1024;

  /** Which way the bytes go. */
  public enum Direction { IDLE, READ, WRITE, MIXED }

  /** How big the operations are. */
  public enum Access { NONE, RANDOM, SEQUENTIAL }

  public static final TrafficPattern IDLE = new TrafficPattern(Direction.IDLE, Access.NONE);

  private final Direction direction;
  private final Access access;

  private TrafficPattern(Direction direction, Access access) {
    this.direction = direction;
    this.access = access;
  }

  public static TrafficPattern of(Direction direction, Access access) {
    if ((direction == Direction.IDLE) != (access == Access.NONE)) {
      throw new IllegalArgumentException("an idle pattern has no access shape and a busy one has one, got "
          + direction + " " + access);
    }
    return direction == Direction.IDLE ? IDLE : new TrafficPattern(direction, access);
  }

  /** Classifies one window's rates. */
  public static TrafficPattern classify(ActivityRates rates) {
    double read = rates.bytesReadPerSec();
    double written = rates.bytesWrittenPerSec();
    double ops = rates.opsPerSec();
    if (read + written == 0 && ops == 0) {
      return IDLE;
    }
    Direction direction = read >= DOMINANCE * written ? Direction.READ
        : written >= DOMINANCE * read ? Direction.WRITE : Direction.MIXED;
    boolean large = ops == 0 || (read + written) / ops >= LARGE_OPERATION_BYTES;
    return new TrafficPattern(direction, large ? Access.SEQUENTIAL : Access.RANDOM);
  }

  /**
   * Reads a pattern as {@link #code()} writes it.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static TrafficPattern parse(String code) {
    if ("idle".equals(code)) {
      return IDLE;
    }
    int dash = code == null ? -1 : code.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("not a traffic pattern: " + code);
    }
    try {
      Direction d = Direction.valueOf(code.substring(0, dash).toUpperCase(Locale.ROOT));
      Access a = Access.valueOf(code.substring(dash + 1).toUpperCase(Locale.ROOT));
      if (d == Direction.IDLE || a == Access.NONE) {
        throw new IllegalArgumentException("not a traffic pattern: " + code);
      }
      return new TrafficPattern(d, a);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a traffic pattern: " + code, e);
    }
  }

  public Direction direction() {
    return direction;
  }

  public Access access() {
    return access;
  }

  /** The compact form in load reports: {@code idle}, or direction and access such as {@code read-random}. */
  public String code() {
    return direction == Direction.IDLE ? "idle"
        : direction.name().toLowerCase(Locale.ROOT) + "-" + access.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrafficPattern && ((TrafficPattern) o).direction == direction
        && ((TrafficPattern) o).access == access;
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, access);
  }

  @Override
  public String toString() {
    return code();
  }
}
