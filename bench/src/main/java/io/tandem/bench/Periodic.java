package io.tandem.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs a task, waits, and runs it again until stopped. A round that fails is logged (once per
 * distinct failure in a row) and the next round runs as planned.
 */
final class Periodic {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

  /** One round of the work. */
  interface Task {
    void run() throws Exception;
  }

  private final Thread thread;
  private volatile boolean running = true;

  Periodic(String name, long pauseMs, Task task) {
    this.thread = new Thread(() -> loop(pauseMs, task), name);
    thread.setDaemon(true);
  }

  Periodic start() {
    thread.start();
    return this;
  }

  private void loop(long pauseMs, Task task) {
    String lastFailure = null;
    while (running) {
      try {
        task.run();
        lastFailure = null;
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (!running) {
          return; // interrupted by stop()
        }
        if (!e.toString().equals(lastFailure)) {
          LOG.warn("{}: a round failed; the next one runs as planned", thread.getName(), e);
        }
        lastFailure = e.toString();
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops: a round under way is interrupted (a wait in it ends) and awaited, up to a minute. */
  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(60_000);
  }
}
