package io.tandem.mirror.link.fault;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A blocking TCP echo server on loopback for {@link FaultProxyTest}: counts connections and bytes received. */
final class EchoServer implements Closeable {
  private final ServerSocket listener;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  EchoServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  long accepted() {
    return accepted.get();
  }

  long bytesReceived() {
    return bytesReceived.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        accepted.incrementAndGet();
        sockets.add(s);
        Thread t = new Thread(() -> echo(s), "echo-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void echo(Socket s) {
    byte[] buf = new byte[4096];
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        bytesReceived.addAndGet(n);
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The connection was reset: that is what the proxy tests do.
    } finally {
      sockets.remove(s);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
