package io.tandem.mirror.snapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of Tandem's snapshots: {@code tandem-<UTC time to the millisecond>-<site>}, e.g.
 * {@code tandem-20261126T122900.123Z-site-a}. They sort by time as text, and the site makes them unique across
 * sites, so a snapshot shipped to a peer keeps its name there. Snapshots with other names are the operator's and
 * are never pruned.
 */
public final class SnapshotNames {
  public static final String PREFIX = "tandem-";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("tandem-(\\d{8}T\\d{6}\\.\\d{3}Z)-([a-z0-9][a-z0-9_-]*)");

  private SnapshotNames() {}

  public static String name(Instant at, String site) {
    return PREFIX + TIME.format(at) + "-" + site;
  }

  /**
   * The name of a snapshot that keeps a replica's state before Tandem undoes it ({@code <event>-<UTC time>-<what>},
   * e.g. {@code resync-20261126T122900.123Z-before-epoch-3}): not a Tandem snapshot by {@link #isTandem}, so it is
   * never pruned nor shipped.
   */
  public static String event(String event, Instant at, String what) {
    return event + "-" + TIME.format(at) + "-" + what;
  }

  /**
   * The snapshot that keeps a mirrored replica's state before the first copy of a new role term undoes it:
   * {@code resync-before-epoch-<epoch>}, one per term.
   */
  public static String resyncOfTerm(long epoch) {
    return "resync-before-epoch-" + epoch;
  }

  /** When a Tandem snapshot was taken, or empty for a name Tandem did not give. */
  public static Optional<Instant> takenAt(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(TIME.parse(m.group(1))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static boolean isTandem(String name) {
    return takenAt(name).isPresent();
  }
}
