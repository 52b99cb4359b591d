package io.tandem.mirror.ship;

import io.tandem.mirror.throttle.RateLimiter;
import io.tandem.mirror.throttle.ThrottledInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a range of a file in chunks through the bandwidth limiter on a reader thread, one chunk ahead of the
 * sender. So the limiter is paid continuously while the previous chunk is on the wire: without the read-ahead, every
 * round trip longer than the limiter's short burst allowance would be lost from the rate.
 */
final class ChunkReader implements Closeable {
  private static final Object END = new Object();

  private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
  private final Future<?> reading;

  ChunkReader(ExecutorService readers, InputStream raw, RateLimiter limiter, long from, long to, int chunk,
      AtomicLong paced) throws IOException {
    InputStream in = new ThrottledInputStream(raw, limiter);
    try {
      this.reading = readers.submit(() -> {
        try {
          long offset = from;
          do {
            byte[] buf = new byte[(int) Math.min(chunk, to - offset)];
            int done = 0;
            while (done < buf.length) {
              int n = in.read(buf, done, buf.length - done);
              if (n < 0) {
                throw new IOException("snapshot file ended early at " + (offset + done) + " of " + to + " bytes");
              }
              done += n;
              paced.addAndGet(n);
            }
            ready.put(buf);
            offset += buf.length;
          } while (offset < to);
          ready.put(END);
        } catch (InterruptedException | InterruptedIOException e) {
          Thread.currentThread().interrupt(); // the sender stopped: nobody waits for more
        } catch (IOException | RuntimeException e) {
          ready.offer(e);
        }
        return null;
      });
    } catch (RejectedExecutionException e) {
      throw new InterruptedIOException("the ship is stopping");
    }
  }

  /** The next chunk, or null after the last one. */
  byte[] next() throws IOException, InterruptedException {
    Object o = ready.take();
    if (o == END) {
      return null;
    }
    if (o instanceof IOException) {
      throw (IOException) o;
    }
    if (o instanceof RuntimeException) {
      throw (RuntimeException) o;
    }
    return (byte[]) o;
  }

  @Override
  public void close() {
    reading.cancel(true);
  }
}
