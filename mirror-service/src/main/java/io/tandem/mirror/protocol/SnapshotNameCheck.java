package io.tandem.mirror.protocol;

/** Snapshot names as requests carry them: one path segment, bounded, no control characters. */
public final class SnapshotNameCheck {
  /** HDFS's own limit on a path component. */
  public static final int MAX_CHARS = 255;

  private SnapshotNameCheck() {}

  /** The name, or throws naming what is wrong with it ({@code what}: the request or field it came with). */
  public static String check(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new MirrorProtocolException(what + " lacks its snapshot name");
    }
    if (name.length() > MAX_CHARS || name.contains("/") || name.equals(".") || name.equals("..")
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new MirrorProtocolException(what + ": \"" + abbreviate(name) + "\" is not a snapshot name");
    }
    return name;
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
