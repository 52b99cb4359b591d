package io.tandem.mirror.link.fault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy itself, between blocking sockets and an echo server. */
class FaultProxyTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int READ_TIMEOUT_MS = 10_000;

  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start(echo.address());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    InetSocketAddress a = proxy.address();
    Socket s = new Socket(a.getAddress(), a.getPort());
    s.setSoTimeout(READ_TIMEOUT_MS);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static String read(Socket s, int n) throws IOException {
    byte[] bytes = s.getInputStream().readNBytes(n);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** A reset connection reads as "Connection reset", or as end of stream when the RST raced the read. */
  private static void assertReset(Socket s) {
    try {
      InputStream in = s.getInputStream();
      assertEquals(-1, in.read(), "the connection ended");
    } catch (SocketException expected) {
      // Connection reset.
    } catch (IOException e) {
      throw new AssertionError("expected a reset, got " + e, e);
    }
  }

  @Test
  void passForwardsBothWaysAndCarriesTheClose() throws IOException {
    try (Socket s = connect()) {
      write(s, "hello");
      assertEquals("hello", read(s, 5));
      s.shutdownOutput();
      assertEquals(-1, s.getInputStream().read(), "the echo server saw the close and closed too");
    }
    await().atMost(WAIT).until(() -> proxy.openConnections() == 0);
  }

  @Test
  void latencyDelaysEachDirection() throws IOException {
    proxy.latency(FaultProxy.Direction.TO_SERVER, 100);
    proxy.latency(FaultProxy.Direction.TO_CLIENT, 50);
    try (Socket s = connect()) {
      long start = System.nanoTime();
      write(s, "ping");
      assertEquals("ping", read(s, 4));
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(elapsedMs >= 150, "round trip took " + elapsedMs + " ms, at least both latencies");
    }
  }

  @Test
  void blackholeDropsAndRestoringResetsOnlyTheConnectionsThatLostBytes() throws IOException {
    try (Socket lossy = connect(); Socket idle = connect()) {
      write(lossy, "a");
      assertEquals("a", read(lossy, 1));
      write(idle, "i");
      assertEquals("i", read(idle, 1));

      proxy.blackhole();
      write(lossy, "lost");
      await().atMost(WAIT).until(() -> proxy.droppedBytes() == 4);
      assertEquals(2, echo.bytesReceived(), "nothing crossed during the blackhole");

      proxy.pass();
      assertReset(lossy);
      write(idle, "j");
      assertEquals("j", read(idle, 1), "a connection that lost nothing carries on");
    }
  }

  @Test
  void connectionsOpenedDuringABlackholeNeverReachTheServerAndAreResetOnRestore() throws IOException {
    proxy.blackhole();
    try (Socket held = connect()) {
      write(held, "knock");
      await().atMost(WAIT).until(() -> proxy.droppedBytes() == 5);
      assertEquals(0, echo.accepted());
      proxy.pass();
      assertReset(held);
    }
    try (Socket fresh = connect()) {
      write(fresh, "ok");
      assertEquals("ok", read(fresh, 2));
    }
  }

  @Test
  void oneDirectionBlackholeLetsTheServerHearTheClientButNotTheReverse() throws IOException {
    try (Socket s = connect()) {
      write(s, "a");
      assertEquals("a", read(s, 1));
      proxy.blackhole(FaultProxy.Direction.TO_CLIENT);
      write(s, "heard");
      await().atMost(WAIT).until(() -> echo.bytesReceived() == 6 && proxy.droppedBytes() == 5);
      proxy.pass();
      assertReset(s);
    }
  }

  @Test
  void resetClosesEveryConnectionAndRefusesNewOnesUntilPass() throws IOException {
    try (Socket s = connect()) {
      write(s, "a");
      assertEquals("a", read(s, 1));
      proxy.reset();
      assertReset(s);
    }
    try (Socket refused = connect()) {
      assertReset(refused);
    }
    assertEquals(1, echo.accepted(), "a refused connection never reached the server");
    proxy.pass();
    try (Socket s = connect()) {
      write(s, "back");
      assertArrayEquals("back".getBytes(StandardCharsets.US_ASCII), read(s, 4).getBytes(StandardCharsets.US_ASCII));
    }
  }
}
