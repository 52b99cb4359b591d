package io.tandem.migrate.load;

import org.slf4j.Logger;

/**
 * Logs a recurring condition once when it starts or changes and once when it clears, so a problem that lasts for
 * hours costs two log lines rather than one per report. Updated from one thread; read from any.
 */
final class ProblemLatch {
  private final Logger log;
  private final String subject;
  private volatile String current;

  ProblemLatch(Logger log, String subject) {
    this.log = log;
    this.subject = subject;
  }

  /** Records the condition now: null when all is well. Returns it. */
  String update(String problem) {
    if (problem != null && !problem.equals(current)) {
      log.warn("{}: {}", subject, problem);
    } else if (problem == null && current != null) {
      log.info("{}: recovered (was: {})", subject, current);
    }
    current = problem;
    return problem;
  }

  String current() {
    return current;
  }
}
