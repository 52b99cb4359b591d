package io.tandem.mirror.send;

import io.tandem.coord.retry.Backoff;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.protocol.MirrorResponse.Status;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request until the peer has an answer other than a failure: FAILED (an HDFS error there) and REFUSED (a
 * configuration or role problem, which an operator may fix) are retried with backoff, counted and shown, never
 * dropped. The link going down ends the attempt: the volume replays from its checkpoint later.
 */
public final class RetryingSender {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);

  /** Waits between retries; interruptible. */
  public interface Sleeper {
    void sleep(long ms) throws InterruptedException;
  }

  private final MirrorTransport transport;
  private final LongSupplier epoch;
  private final MirrorStats stats;
  private final Backoff backoff;
  private final Sleeper sleeper;

  public RetryingSender(MirrorTransport transport, LongSupplier epoch, MirrorStats stats, Backoff backoff, Sleeper sleeper) {
    this.transport = transport;
    this.epoch = epoch;
    this.stats = stats;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /** Sends without waiting or retrying; see {@link InFlightWrites}. */
  java.util.concurrent.CompletableFuture<MirrorResponse> sendAsync(MirrorRequest request) {
    return transport.callAsync(epoch.getAsLong(), request);
  }

  public MirrorResponse send(MirrorRequest request) throws LinkUnavailableException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      MirrorResponse r = transport.call(epoch.getAsLong(), request);
      stats.requestsSent.incrementAndGet();
      if (r.status != Status.FAILED && r.status != Status.REFUSED) {
        if (attempt > 0) {
          LOG.info("{} applied after {} retries", request, attempt);
          stats.lastError.set(null);
        }
        return r;
      }
      long delay = backoff.delayMs(attempt);
      String error = request + " " + r.status + " by the peer: " + r.message;
      stats.lastError.set(error);
      stats.retries.incrementAndGet();
      if (attempt == 0 || attempt % 10 == 0) {
        LOG.warn("{}; retrying in {} ms (attempt {})", error, delay, attempt + 1);
      }
      sleeper.sleep(delay);
    }
  }
}
