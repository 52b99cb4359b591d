package io.tandem.coord.conf;

import java.util.Collections;
import java.util.List;

/**
 * One or more {@code tandem.*} settings are invalid. Each problem is one line naming the key, the value and
 * what is allowed, so an operator can fix every mistake from a single start attempt.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(Collections.singletonList(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
