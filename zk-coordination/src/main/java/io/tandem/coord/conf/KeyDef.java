package io.tandem.coord.conf;

import java.util.Objects;

/**
 * One configuration key of Tandem's public contract: its name (a template such as {@code tandem.volume.<v>.path}
 * for per-volume and per-peer keys), its default as the operator would write it, what values are allowed, and
 * what it means. {@link TandemKeys} holds them all; the README and {@code conf/} document the same list.
 */
public final class KeyDef {
  private final String template;
  private final String defaultValue;
  private final String allowed;
  private final String description;

  KeyDef(String template, String defaultValue, String allowed, String description) {
    this.template = Objects.requireNonNull(template);
    this.defaultValue = defaultValue;
    this.allowed = Objects.requireNonNull(allowed);
    this.description = Objects.requireNonNull(description);
  }

  /** The key name, with {@code <v>} or {@code <site>} standing for a volume or site name. */
  public String template() {
    return template;
  }

  /** The default as written in site XML, or null when the key has none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String allowed() {
    return allowed;
  }

  public String description() {
    return description;
  }

  /** True when the key is per volume or per peer. */
  public boolean isTemplate() {
    return template.indexOf('<') >= 0;
  }

  /** The concrete key for one volume or site, e.g. {@code tandem.volume.logs.path}. */
  public String forName(String name) {
    int open = template.indexOf('<');
    int close = template.indexOf('>');
    if (open < 0) {
      return template;
    }
    return template.substring(0, open) + name + template.substring(close + 1);
  }

  /** The volume or site name if {@code key} is an instance of this template, else null. */
  String matchName(String key) {
    int open = template.indexOf('<');
    if (open < 0) {
      return template.equals(key) ? "" : null;
    }
    String prefix = template.substring(0, open);
    String suffix = template.substring(template.indexOf('>') + 1);
    if (key.length() <= prefix.length() + suffix.length() || !key.startsWith(prefix) || !key.endsWith(suffix)) {
      return null;
    }
    String name = key.substring(prefix.length(), key.length() - suffix.length());
    return name.indexOf('.') >= 0 ? null : name;
  }

  @Override
  public String toString() {
    return template;
  }
}
