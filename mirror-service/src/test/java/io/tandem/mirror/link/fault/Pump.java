package io.tandem.mirror.link.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a {@link ProxiedConnection}: a reader thread that judges each chunk under the proxy's lock
 * (forward, drop, or reset the connection because this direction lost bytes earlier) and a writer thread that
 * delivers forwarded chunks when their latency has passed, in order.
 */
final class Pump {
  private static final int CHUNK = 16 * 1024;

  private enum Verdict { FORWARD, DROP, RESET }

  private final ProxiedConnection owner;
  private final FaultProxy.Direction direction;
  private final Socket from;
  private final Socket to;
  private final DelayQueue<Chunk> queue = new DelayQueue<>();
  private final Thread reader;
  private final Thread writer;
  // Guarded by the proxy's lock.
  private boolean poisoned;
  // Reader thread only.
  private long lastDueNanos = Long.MIN_VALUE;
  private long sequence;

  Pump(ProxiedConnection owner, FaultProxy.Direction direction, Socket from, Socket to, String name) {
    this.owner = owner;
    this.direction = direction;
    this.from = from;
    this.to = to;
    this.reader = new Thread(this::readLoop, name + "-" + direction + "-read");
    this.writer = new Thread(this::writeLoop, name + "-" + direction + "-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
  }

  void start() {
    reader.start();
    if (to != null) {
      writer.start();
    }
  }

  void stop() {
    writer.interrupt();
  }

  /** Under the proxy's lock. */
  boolean poisonedAndRestoredUnder(FaultProxy.Faults faults) {
    return poisoned && !faults.drops(direction);
  }

  /** @param bytes how many bytes the verdict is about (0 for the end of the stream), counted when dropped */
  private Verdict judge(int bytes) {
    FaultProxy proxy = owner.proxy();
    synchronized (proxy) {
      FaultProxy.Faults faults = proxy.faults();
      if (faults.reset()) {
        return Verdict.RESET; // admitted just before reset() swept the connections
      }
      if (to == null || faults.drops(direction)) {
        poisoned = true;
        proxy.dropped(bytes);
        return Verdict.DROP;
      }
      return poisoned ? Verdict.RESET : Verdict.FORWARD;
    }
  }

  private void readLoop() {
    byte[] buf = new byte[CHUNK];
    try {
      InputStream in = from.getInputStream();
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        Verdict verdict = judge(n);
        if (verdict == Verdict.RESET) {
          owner.reset();
          return;
        }
        if (verdict == Verdict.FORWARD) {
          enqueue(Arrays.copyOf(buf, n));
        }
      }
      Verdict atEnd = judge(0);
      if (atEnd == Verdict.RESET) {
        owner.reset();
      } else if (atEnd == Verdict.FORWARD) {
        enqueue(null);
      }
      // DROP: the close is lost in the blackhole, as a FIN would be.
    } catch (IOException e) {
      owner.reset();
    }
  }

  /** {@code bytes} null marks the end of the stream. */
  private void enqueue(byte[] bytes) {
    long due = Math.max(lastDueNanos, System.nanoTime() + owner.proxy().latencyNanos(direction));
    lastDueNanos = due;
    queue.add(new Chunk(bytes, due, sequence++));
  }

  private void writeLoop() {
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        Chunk chunk = queue.take();
        if (chunk.bytes == null) {
          to.shutdownOutput();
          owner.directionClosed();
          return;
        }
        out.write(chunk.bytes);
        out.flush();
      }
    } catch (InterruptedException e) {
      // Stopped by a reset: this thread ends here, and the flag says so to anyone who asks.
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      owner.reset();
    }
  }

  /** Forwarded bytes and when to deliver them; ties keep arrival order. */
  private static final class Chunk implements Delayed {
    final byte[] bytes;
    final long dueNanos;
    final long sequence;

    Chunk(byte[] bytes, long dueNanos, long sequence) {
      this.bytes = bytes;
      this.dueNanos = dueNanos;
      this.sequence = sequence;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Chunk o = (Chunk) other;
      int byDue = Long.compare(dueNanos, o.dueNanos);
      return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
    }
  }
}
