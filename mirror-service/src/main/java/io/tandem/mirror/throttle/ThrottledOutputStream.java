package io.tandem.mirror.throttle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Paces writes through a {@link RateLimiter}. A large write is cut into {@link RateLimiter#chunkBytes() chunks},
 * each paid for before it is written, so one huge write is paced rather than sent at once after one long wait.
 * An interrupt while waiting throws {@link java.io.InterruptedIOException} and leaves the interrupt flag set.
 */
public final class ThrottledOutputStream extends FilterOutputStream {
  private final RateLimiter limiter;

  public ThrottledOutputStream(OutputStream out, RateLimiter limiter) {
    super(Objects.requireNonNull(out, "out"));
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  @Override
  public void write(int b) throws IOException {
    StreamPacing.pay(limiter, 1, 0);
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    int done = 0;
    while (done < len) {
      int n = Math.min(len - done, limiter.chunkBytes());
      StreamPacing.pay(limiter, n, done);
      out.write(b, off + done, n);
      done += n;
    }
  }
}
