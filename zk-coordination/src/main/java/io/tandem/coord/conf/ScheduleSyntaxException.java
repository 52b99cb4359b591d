package io.tandem.coord.conf;

/**
 * A {@code tandem.ship.bandwidth.schedule} string that does not parse. The message names the key, the 1-based
 * character position of the error in the (trimmed) value, what was expected there and what was found, e.g.
 * {@code tandem.ship.bandwidth.schedule: at position 9: expected a time range like 08:00-18:00 or '*', found '8-18'}.
 */
public final class ScheduleSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String detail;

  ScheduleSyntaxException(int position, String detail) {
    super(TandemKeys.SHIP_BANDWIDTH_SCHEDULE.template() + ": at position " + position + ": " + detail);
    this.position = position;
    this.detail = detail;
  }

  /** The 1-based character position of the error; one past the last character when the text ended too early. */
  public int position() {
    return position;
  }

  /** The message without the key name: {@code at position N: expected ..., found ...}. */
  public String detail() {
    return "at position " + position + ": " + detail;
  }
}
