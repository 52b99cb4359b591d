package io.tandem.mirror.read;

import io.tandem.mirror.throttle.RateLimiter;
import io.tandem.mirror.throttle.ThrottledInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * Reads ranges of files, one after the other, in chunks through a bandwidth limiter on a reader thread, a couple
 * of chunks ahead of the sender. So reading a chunk from HDFS overlaps sending the one before and the peer storing
 * it, and a ship's limiter is paid continuously while earlier chunks are on the wire and while the peer commits a
 * finished file: without the read-ahead, every round trip longer than the limiter's short burst allowance would be
 * lost from the rate.
 */
public final class ChunkReader implements Closeable {
  /** A range of a file to read: [from, to). */
  public static final class Range {
    public final Path source;
    public final long from;
    public final long to;

    public Range(Path source, long from, long to) {
      this.source = source;
      this.from = from;
      this.to = to;
    }
  }

  /** Bytes of range number {@code range} at {@code offset}; {@code last} closes the range. */
  public static final class Chunk {
    public final int range;
    public final long offset;
    public final byte[] data;
    public final boolean last;

    Chunk(int range, long offset, byte[] data, boolean last) {
      this.range = range;
      this.offset = offset;
      this.data = data;
      this.last = last;
    }
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
  private final Future<?> reading;

  /**
   * @param readers where the read-ahead runs; one thread serves the readers of one sender
   * @param paced counts the bytes read (those the limiter let through)
   */
  public ChunkReader(ExecutorService readers, DistributedFileSystem fs, List<Range> ranges, RateLimiter limiter, int chunk,
      AtomicLong paced) throws IOException {
    try {
      this.reading = readers.submit(() -> {
        try {
          for (int r = 0; r < ranges.size(); r++) {
            read(fs, r, ranges.get(r), limiter, chunk, paced);
          }
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

  private void read(DistributedFileSystem fs, int index, Range range, RateLimiter limiter, int chunk, AtomicLong paced)
      throws IOException, InterruptedException {
    try (FSDataInputStream raw = fs.open(range.source)) {
      raw.seek(range.from);
      InputStream in = new ThrottledInputStream(raw, limiter);
      long offset = range.from;
      do {
        byte[] buf = new byte[(int) Math.min(chunk, range.to - offset)];
        int done = 0;
        while (done < buf.length) {
          int n = in.read(buf, done, buf.length - done);
          if (n < 0) {
            throw new IOException(range.source + " ended at " + (offset + done) + " of " + range.to + " bytes");
          }
          done += n;
          paced.addAndGet(n);
        }
        ready.put(new Chunk(index, offset, buf, offset + buf.length >= range.to));
        offset += buf.length;
      } while (offset < range.to);
    }
  }

  /** The next chunk, or null after the last one of the last range. */
  public Chunk next() throws IOException, InterruptedException {
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
    return (Chunk) o;
  }

  @Override
  public void close() {
    reading.cancel(true);
  }
}
