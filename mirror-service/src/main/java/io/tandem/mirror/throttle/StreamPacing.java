package io.tandem.mirror.throttle;

import java.io.InterruptedIOException;

/** What the throttled streams share: paying the limiter from inside an I/O method. */
final class StreamPacing {
  private StreamPacing() {}

  /**
   * Pays for {@code bytes}. An interrupt becomes an {@link InterruptedIOException}, since stream callers cannot see
   * an InterruptedException, and the thread's interrupt flag is set again so they can still tell.
   *
   * @param transferred bytes this I/O call has already moved, reported in the exception
   */
  static void pay(RateLimiter limiter, long bytes, int transferred) throws InterruptedIOException {
    try {
      limiter.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting for shipping bandwidth");
      io.bytesTransferred = transferred;
      io.initCause(e);
      throw io;
    }
  }
}
