package io.tandem.mirror.protocol;

import java.util.regex.Pattern;

/**
 * Relative paths inside a volume, as requests carry them: segments separated by '/', none empty, '.' or '..', no
 * control characters, and never the reserved {@code .tandem} directory. Anything else could leave the volume.
 */
public final class VolumePaths {
  /** Reserved directory inside each volume for Tandem's staging files; never mirrored, never listed. */
  public static final String RESERVED = ".tandem";
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");

  private VolumePaths() {}

  /** The relative path, or the empty string for the volume root; throws naming the problem otherwise. */
  public static String check(String relative) {
    if (relative == null) {
      throw new MirrorProtocolException("path is missing");
    }
    if (relative.isEmpty()) {
      return relative;
    }
    if (relative.startsWith("/")) {
      throw new MirrorProtocolException("path \"" + relative + "\" is absolute; requests carry paths relative to the volume");
    }
    if (CONTROL.matcher(relative).find()) {
      throw new MirrorProtocolException("path contains control characters");
    }
    String[] segments = relative.split("/", -1);
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        throw new MirrorProtocolException("path \"" + relative + "\" has a '" + s + "' segment and could leave the volume");
      }
    }
    if (segments[0].equals(RESERVED)) {
      throw new MirrorProtocolException("path \"" + relative + "\" is inside Tandem's reserved " + RESERVED + " directory");
    }
    return relative;
  }

  /** Whether {@code rel} is the volume's own Tandem directory ({@link #RESERVED}) or lies below it. */
  public static boolean isTandemOwn(String rel) {
    return relativize(RESERVED, rel) != null;
  }

  /** The path of {@code absolute} relative to {@code root}, or null when it is not inside the root. */
  public static String relativize(String root, String absolute) {
    if (absolute.equals(root)) {
      return "";
    }
    String prefix = root.endsWith("/") ? root : root + "/";
    if (!absolute.startsWith(prefix)) {
      return null;
    }
    return absolute.substring(prefix.length());
  }

  /**
   * Joins a volume root and a checked relative path. A volume rooted at "/" would otherwise reach HDFS's
   * {@code /.reserved} paths, which name any file by inode id ({@code .inodes/<id>}), Tandem's own included.
   */
  public static String resolve(String root, String relative) {
    if (relative.isEmpty()) {
      return root;
    }
    String path = root.endsWith("/") ? root + relative : root + "/" + relative;
    if (relativize(HDFS_RESERVED, path) != null) {
      throw new MirrorProtocolException("path \"" + relative + "\" is inside HDFS's " + HDFS_RESERVED + " paths");
    }
    return path;
  }

  /** HDFS's reserved root directory ({@code /.reserved/.inodes}, {@code /.reserved/raw}). */
  static final String HDFS_RESERVED = "/.reserved";
}
