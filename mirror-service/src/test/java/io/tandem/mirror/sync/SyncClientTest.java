package io.tandem.mirror.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.mirror.link.LinkTimings;
import io.tandem.mirror.link.net.LinkRequestTimeoutException;
import io.tandem.mirror.link.net.LinkServer;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.link.net.LinkTransportConfig;
import io.tandem.mirror.link.net.RequestRoutes;
import io.tandem.mirror.wire.FrameType;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkSecret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncClientTest {
  private static final LinkSecret SECRET = LinkSecret.of("sync-client-test-secret-0123456789abcdef");

  /**
   * An agent that never answers a barrier: the client gives up once, after the barrier's time and the margin.
   * Before, it took the timeout for a dead connection, dropped it (failing every other barrier on it) and sent
   * the barrier again, so a sync call waited twice its timeout.
   */
  @Test
  void aBarrierWithNoAnswerIsSentOnceAndFailsAsATimeout() throws Exception {
    AtomicInteger barriers = new AtomicInteger();
    LinkTimings timings = new LinkTimings(50, 2_000, 0);
    LinkTransportConfig config = LinkTransportConfig.builder(timings).connections(1).requestTimeoutMs(5_000)
        .handshakeTimeoutMs(3_000).reconnectBackoffMs(20, 2_000).build();
    LinkServer agent = LinkServer.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config,
        LinkAuthenticator.withSecret("site-a", SECRET),
        RequestRoutes.of((site, epoch, payload) -> new CompletableFuture<>())
            .with(FrameType.SYNC_REQUEST, FrameType.SYNC_RESPONSE, (site, epoch, payload) -> {
              barriers.incrementAndGet();
              return new CompletableFuture<>(); // never answered
            }))
        .build();
    agent.start();
    try (SyncClient client = new SyncClient(List.of(agent.boundAddress()), "site-a",
        LinkAuthenticator.withSecret("tandem-client", SECRET), LinkTls.disabled(), 3_000, 50)) {
      assertThrows(LinkRequestTimeoutException.class, () -> client.await(new SyncBarrier("v", "", -1, 100)));
      assertEquals(1, barriers.get(), "the barrier was sent again after its time was spent");
    } finally {
      agent.close();
    }
  }
}
