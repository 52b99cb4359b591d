package io.tandem.coord.conf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads typed values from a Hadoop {@link Configuration}, collecting every problem instead of stopping at the
 * first, each phrased as {@code key="value" is not valid: expected <what is allowed>}.
 */
final class SettingsReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private final Configuration conf;
  private final List<String> problems = new ArrayList<>();

  SettingsReader(Configuration conf) {
    this.conf = conf;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String key, String value, String allowed) {
    problems.add(key + "=\"" + value + "\" is not valid: expected " + allowed);
  }

  void missing(String key, String why) {
    problems.add(key + " is not set: " + why);
  }

  /** The trimmed value, or null when unset or blank. */
  String raw(String key) {
    String v = conf.getTrimmed(key);
    return v == null || v.isEmpty() ? null : v;
  }

  private String rawOrDefault(KeyDef def, String key) {
    String v = raw(key);
    return v != null ? v : def.defaultValue();
  }

  String string(KeyDef def, String name) {
    return rawOrDefault(def, def.forName(name));
  }

  String matching(KeyDef def, String name, Pattern pattern) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    if (v != null && !pattern.matcher(v).matches()) {
      problem(key, v, def.allowed());
      return null;
    }
    return v;
  }

  long longIn(KeyDef def, String name, long min, long max) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    long fallback = Long.parseLong(def.defaultValue());
    try {
      long parsed = Long.parseLong(v);
      if (parsed < min || parsed > max) {
        problem(key, v, def.allowed());
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(key, v, def.allowed());
      return fallback;
    }
  }

  int intIn(KeyDef def, String name, int min, int max) {
    return (int) longIn(def, name, min, max);
  }

  /** A number with {@code min < value <= max} when {@code exclusiveMin}, else {@code min <= value <= max}. */
  double doubleIn(KeyDef def, String name, double min, boolean exclusiveMin, double max) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    double fallback = Double.parseDouble(def.defaultValue());
    try {
      double parsed = Double.parseDouble(v);
      boolean low = exclusiveMin ? parsed <= min : parsed < min;
      if (Double.isNaN(parsed) || low || parsed > max) {
        problem(key, v, def.allowed());
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(key, v, def.allowed());
      return fallback;
    }
  }

  boolean bool(KeyDef def, String name) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    if ("true".equalsIgnoreCase(v)) {
      return true;
    }
    if (!"false".equalsIgnoreCase(v)) {
      problem(key, v, def.allowed());
    }
    return false;
  }

  <E extends Enum<E>> E choice(KeyDef def, String name, Class<E> type) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      problem(key, v, def.allowed());
      return Enum.valueOf(type, def.defaultValue().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** A duration such as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or plain milliseconds; 0 allowed. */
  long durationMs(KeyDef def, String name) {
    String key = def.forName(name);
    String v = rawOrDefault(def, key);
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, v, def.allowed());
      return 0;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return n * 1000L;
      case "m":
        return n * 60_000L;
      case "h":
        return n * 3_600_000L;
      case "d":
        return n * 86_400_000L;
      default:
        return n;
    }
  }

  /** A {@code host:port}; null when unset. */
  InetSocketAddress hostPort(KeyDef def, String name) {
    String v = raw(def.forName(name));
    return v == null ? null : hostPortValue(def, name, v);
  }

  /** A comma-separated list of {@code host:port}; empty when unset; invalid entries reported and dropped. */
  List<InetSocketAddress> hostPorts(KeyDef def, String name) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String one : KeyNames.splitList(raw(def.forName(name)))) {
      InetSocketAddress a = hostPortValue(def, name, one);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /** {@code v}, one {@code host:port} of the key's value; null (and a problem reported) when it is not one. */
  InetSocketAddress hostPortValue(KeyDef def, String name, String v) {
    String key = def.forName(name);
    int colon = v.lastIndexOf(':');
    if (colon <= 0 || colon == v.length() - 1) {
      problem(key, v, def.allowed());
      return null;
    }
    try {
      int port = Integer.parseInt(v.substring(colon + 1));
      if (port < 0 || port > 65535) {
        problem(key, v, "host:port with a port from 0 to 65535");
        return null;
      }
      return InetSocketAddress.createUnresolved(v.substring(0, colon), port);
    } catch (NumberFormatException e) {
      problem(key, v, def.allowed());
      return null;
    }
  }

  /** Comma-separated names, each matching {@code pattern}; invalid entries are reported and dropped. */
  List<String> names(KeyDef def, Pattern pattern) {
    return names(def, "", pattern);
  }

  /** {@link #names(KeyDef, Pattern)} of a per-volume or per-peer key. */
  List<String> names(KeyDef def, String name, Pattern pattern) {
    String key = def.forName(name);
    List<String> out = new ArrayList<>();
    for (String n : KeyNames.splitList(raw(key))) {
      if (!pattern.matcher(n).matches()) {
        problem(key, n, def.allowed());
      } else if (out.contains(n)) {
        problems.add(key + " lists \"" + n + "\" twice");
      } else {
        out.add(n);
      }
    }
    return out;
  }

  /** A bandwidth schedule, or null when unset; a syntax error becomes one problem naming its position. */
  BandwidthSchedule schedule(KeyDef def) {
    String key = def.forName("");
    String v = raw(key);
    if (v == null) {
      return null;
    }
    try {
      return BandwidthSchedule.parse(v);
    } catch (ScheduleSyntaxException e) {
      problems.add(key + "=\"" + v + "\" is not valid: " + e.detail());
      return null;
    }
  }

  /** A secret read with {@link Configuration#getPassword}, so it may come from a credential provider; null if unset. */
  String password(KeyDef def) {
    String key = def.forName("");
    try {
      char[] pw = conf.getPassword(key);
      if (pw == null) {
        return null;
      }
      String s = new String(pw).trim();
      return s.isEmpty() ? null : s;
    } catch (IOException e) {
      problems.add(key + " could not be read from the credential providers: " + e.getMessage());
      return null;
    }
  }
}
