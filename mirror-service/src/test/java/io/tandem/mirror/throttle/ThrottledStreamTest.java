package io.tandem.mirror.throttle;

import static io.tandem.mirror.throttle.FakeTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream wrappers: data passes unchanged, paced chunk by chunk, on simulated time and once on the real clock. */
class ThrottledStreamTest {
  private final FakeTime time = new FakeTime();

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  /** Records when each write reached the underlying stream, on simulated time. */
  private final class TimedSink extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DeliveryLog log = new DeliveryLog();
    int largestWrite;

    @Override
    public void write(int b) {
      bytes.write(b);
      log.record(time.now(), 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      log.record(time.now(), len);
      largestWrite = Math.max(largestWrite, len);
    }
  }

  @Test
  void oneHugeWriteIsPacedChunkByChunk() throws IOException {
    RateLimiter limiter = new RateLimiter(1_000_000, time, time);
    TimedSink sink = new TimedSink();
    byte[] data = randomBytes(6_000_000);
    try (OutputStream out = new ThrottledOutputStream(sink, limiter)) {
      out.write(data);
      out.write(7);
    }
    assertArrayEquals(data, Arrays.copyOf(sink.bytes.toByteArray(), data.length));
    assertEquals(data.length + 1, sink.bytes.size());
    assertEquals(limiter.chunkBytes(), sink.largestWrite);
    assertEquals(List.of(), sink.log.windowsOffRate(0, 6 * SECOND, SECOND, 1_000_000, 0.05));
    assertEquals(6 * SECOND, time.now(), 10 * FakeTime.MILLISECOND);
  }

  @Test
  void readsArePacedAndReturnAtMostOneChunk() throws IOException {
    RateLimiter limiter = new RateLimiter(500_000, time, time);
    byte[] data = randomBytes(2_500_000);
    DeliveryLog log = new DeliveryLog();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (InputStream in = new ThrottledInputStream(new ByteArrayInputStream(data), limiter)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        assertTrue(n <= limiter.chunkBytes(), "read " + n);
        copy.write(buf, 0, n);
        log.record(time.now(), n);
      }
    }
    assertArrayEquals(data, copy.toByteArray());
    assertEquals(List.of(), log.windowsOffRate(0, 5 * SECOND, SECOND, 500_000, 0.05));
  }

  @Test
  void singleBytesAndSkipsArePaidFor() throws IOException {
    RateLimiter limiter = new RateLimiter(1_000, time, time);
    InputStream in = new ThrottledInputStream(new ByteArrayInputStream(randomBytes(3_000)), limiter);
    long skipped = 0;
    while (skipped < 2_000) {
      skipped += in.skip(2_000 - skipped);
    }
    for (int i = 0; i < 1_000; i++) {
      assertTrue(in.read() >= 0);
    }
    assertEquals(-1, in.read());
    assertEquals(3 * SECOND, time.now(), 10 * FakeTime.MILLISECOND);
  }

  /** The one real-time check: 20 MB at 8 MB/s through a stream, in writes of 1 MiB, takes 2.5 s within 15%. */
  @Test
  void realClockRateIsWithinFifteenPercent() throws IOException {
    double rate = 8_000_000;
    RateLimiter limiter = new RateLimiter(rate);
    byte[] block = new byte[1 << 20];
    long total = 20_000_000;
    long start = System.nanoTime();
    try (OutputStream out = new ThrottledOutputStream(OutputStream.nullOutputStream(), limiter)) {
      for (long sent = 0; sent < total; sent += block.length) {
        out.write(block, 0, (int) Math.min(block.length, total - sent));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double measured = total / seconds;
    assertEquals(rate, measured, rate * 0.15, String.format("%.0f B/s over %.2f s", measured, seconds));
  }
}
