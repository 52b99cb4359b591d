package io.tandem.mirror.throttle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Paces reads through a {@link RateLimiter}. Each read returns at most one {@link RateLimiter#chunkBytes() chunk},
 * paid for after it arrives (only then is its size known) and before it is handed over; a single byte is paid for
 * before it is read, so an interrupt loses nothing. Skipped bytes are paid for
 * too: on a network stream they crossed the link. An interrupt while waiting throws
 * {@link java.io.InterruptedIOException} (with the bytes already read into the buffer as {@code bytesTransferred})
 * and leaves the interrupt flag set.
 */
public final class ThrottledInputStream extends FilterInputStream {
  private final RateLimiter limiter;

  public ThrottledInputStream(InputStream in, RateLimiter limiter) {
    super(Objects.requireNonNull(in, "in"));
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  @Override
  public int read() throws IOException {
    StreamPacing.pay(limiter, 1, 0);
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, Math.min(len, limiter.chunkBytes()));
    if (n > 0) {
      StreamPacing.pay(limiter, n, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, limiter.chunkBytes()));
    if (skipped > 0) {
      StreamPacing.pay(limiter, skipped, 0);
    }
    return skipped;
  }
}
