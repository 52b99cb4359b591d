package io.tandem.bench;

import io.tandem.hadoop.TandemNameNodePlugin;
import io.tandem.hadoop.agent.AgentHealth;
import io.tandem.it.harness.TandemSite;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the mirror status both agents publish (the line {@code tandem status} shows) and, on its own thread, notes
 * every change of the sending side's link phase, so a run in which the link went DOWN under load says so.
 */
final class MirrorWatch implements Closeable {
  private static final long SAMPLE_MS = 100;
  private static final Pattern APPLIED = Pattern.compile("receiving on \\d+: (\\d+) applied, (\\d+) refused");

  private final TandemSite sender;
  private final TandemSite receiver;
  private final Pattern linkPhase;
  private final long startNanos = System.nanoTime();
  private final List<String> linkChanges = Collections.synchronizedList(new ArrayList<>());
  private final Thread sampler;
  private volatile boolean running = true;

  MirrorWatch(TandemSite sender, TandemSite receiver) {
    this.sender = sender;
    this.receiver = receiver;
    this.linkPhase = Pattern.compile("link " + Pattern.quote(receiver.siteId()) + " ([A-Z_]+)");
    this.sampler = new Thread(this::sampleLoop, "bench-mirror-watch");
    this.sampler.setDaemon(true);
    this.sampler.start();
  }

  /** The sending agent's mirror line, e.g. {@code link site-b UP, bench UP_TO_DATE lag 0.0s ...}. */
  String senderLine() {
    return mirrorLine(sender);
  }

  /** The receiving agent's mirror line, with its count of applied requests. */
  String receiverLine() {
    return mirrorLine(receiver);
  }

  /** Requests the receiving agent has applied so far; -1 if its status does not tell. */
  long requestsApplied() {
    Matcher m = APPLIED.matcher(receiverLine());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Every link phase change seen since the link was first seen UP, e.g. {@code t+41.2s UP -> DOWN}. */
  List<String> linkChanges() {
    synchronized (linkChanges) {
      return new ArrayList<>(linkChanges);
    }
  }

  private static String mirrorLine(TandemSite site) {
    TandemNameNodePlugin plugin = site.nameNodePlugin(0);
    AgentHealth h = plugin == null ? null : plugin.health();
    String line = h == null ? null : h.components().get("mirror");
    return line == null ? "(no mirror status)" : line;
  }

  private void sampleLoop() {
    String last = null;
    boolean wasUp = false;
    while (running) {
      Matcher m = linkPhase.matcher(senderLine());
      String phase = m.find() ? m.group(1) : "NONE";
      if (wasUp && !phase.equals(last)) {
        linkChanges.add(String.format(Locale.ROOT, "t+%.1fs %s -> %s", (System.nanoTime() - startNanos) / 1e9, last,
            phase));
      }
      wasUp |= phase.equals("UP");
      last = phase;
      try {
        TimeUnit.MILLISECONDS.sleep(SAMPLE_MS); // the sampling interval
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
