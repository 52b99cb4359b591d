package io.tandem.mirror.ship;

import io.tandem.mirror.send.MirrorStats;
import io.tandem.mirror.send.RateMeter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one volume's ships in this agent, read by status, metrics and tests. */
public final class ShipStats {
  /** Content bytes the peer acknowledged, over every ship this agent ran for the volume. */
  final AtomicLong bytesSent = new AtomicLong();
  /** Content bytes that passed the bandwidth limiter (read from the snapshot, about to be sent). */
  final AtomicLong bytesPaced = new AtomicLong();
  final AtomicLong filesSent = new AtomicLong();
  final AtomicLong appends = new AtomicLong();
  final AtomicLong fullCopies = new AtomicLong();
  final AtomicLong filesSkipped = new AtomicLong();
  /** Whole copies continued where an interrupted attempt left them in the peer's staging. */
  final AtomicLong stagedResumes = new AtomicLong();
  final AtomicLong portionsDone = new AtomicLong();
  final AtomicLong shipsCommitted = new AtomicLong();
  final AtomicReference<String> lastError = new AtomicReference<>();
  final AtomicReference<String> progress = new AtomicReference<>("idle");
  final RateMeter rate = new RateMeter();
  /** The requests of the volume's ships: retries and the peer's last refusal or failure. */
  final MirrorStats requests = new MirrorStats();

  public long bytesSent() {
    return bytesSent.get();
  }

  public long bytesPaced() {
    return bytesPaced.get();
  }

  public long filesSent() {
    return filesSent.get();
  }

  public long appends() {
    return appends.get();
  }

  public long fullCopies() {
    return fullCopies.get();
  }

  public long filesSkipped() {
    return filesSkipped.get();
  }

  public long stagedResumes() {
    return stagedResumes.get();
  }

  public long portionsDone() {
    return portionsDone.get();
  }

  public long shipsCommitted() {
    return shipsCommitted.get();
  }

  /** Why the last attempt failed, or why the peer keeps refusing or failing a request (retried meanwhile). */
  public String lastError() {
    String e = lastError.get();
    return e != null ? e : requests.lastError();
  }

  /** The current or last ship's progress line. */
  public String progress() {
    return progress.get();
  }

  public double bytesPerSecond(long nowMs) {
    return rate.perSecond(nowMs);
  }
}
