package io.tandem.coord;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Tandem on the classpath, as the build stamped it. */
public final class TandemVersion {
  private static final String VERSION = load();

  private TandemVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = TandemVersion.class.getResourceAsStream("tandem-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
