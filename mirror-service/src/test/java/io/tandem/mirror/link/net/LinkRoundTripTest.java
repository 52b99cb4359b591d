package io.tandem.mirror.link.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.mirror.link.LinkPhase;
import io.tandem.mirror.link.LinkTimings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests and responses over real loopback sockets, straight to the server (probation 0, replay drained at once). */
class LinkRoundTripTest {
  /**
   * No test here is about gaps, so the heartbeat timeout is far above any pause a loaded machine imposes: a link that
   * went DOWN because the test JVM was starved for 400 ms failed a request it was not testing.
   */
  private static final LinkTimings TIMINGS = new LinkTimings(50, 5000, 0);
  private static final long WAIT_S = TestLinks.WAIT.getSeconds();

  private TransportRig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  private static Throwable failureOf(CompletableFuture<byte[]> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT_S, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void requestsCrossAllFourConnectionsAndComeBackWithTheirResponses() throws Exception {
    rig = TransportRig.direct(TestLinks.config(4, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    assertEquals(List.of(LinkPhase.PROBATION, LinkPhase.REPLAYING, LinkPhase.UP), rig.listener.phasesSince(0));

    List<CompletableFuture<byte[]>> responses = new ArrayList<>();
    for (int key = 0; key < 40; key++) {
      responses.add(rig.link.send(7, RecordingHandler.payload(key, key * 10), key));
    }
    for (int key = 0; key < 40; key++) {
      assertArrayEquals(RecordingHandler.payload(key, key * 10), responses.get(key).get(WAIT_S, TimeUnit.SECONDS));
    }
    assertTrue(rig.handler.epochs().stream().allMatch(e -> e == 7), "each request carried its epoch");

    List<ServerConnectionStatus> accepted = rig.server.connections();
    assertEquals(4, accepted.size(), accepted.toString());
    assertTrue(accepted.stream().allMatch(c -> c.peerSite().equals(TestLinks.SENDER)));
    assertEquals(40, accepted.stream().mapToLong(ServerConnectionStatus::requestsHandled).sum());
    assertTrue(accepted.stream().allMatch(c -> c.requestsHandled() == 10), "keys spread evenly: " + accepted);

    PeerLinkStatus status = rig.link.status();
    assertEquals(0, status.requestsInFlight());
    assertTrue(status.roundTripMs() >= 0, status.toString());
    assertTrue(status.bytesSent() > 0 && status.bytesReceived() > 0, status.toString());
    assertEquals(0, status.gapsDetected());
    assertEquals(0, status.highestPeerEpoch(), "the server's heartbeats carry its epoch, 0 by default");
    Set<String> ports = new HashSet<>();
    for (ConnectionStatus c : status.connections()) {
      assertEquals(ConnectionRole.REQUESTS, c.role());
      assertTrue(c.lastHeardMs() != ConnectionStatus.NEVER, c.toString());
      ports.add(c.remoteAddress());
    }
    assertEquals(1, ports.size(), "all four go to the one link port");
  }

  @Test
  void requestsOfOneKeyArriveInTheOrderSentWhileEightKeysAreSentConcurrently() throws Exception {
    rig = TransportRig.direct(TestLinks.config(4, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    int keys = 8;
    int perKey = 125;
    ExecutorService senders = Executors.newFixedThreadPool(keys);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<CompletableFuture<byte[]>>>> sent = new ArrayList<>();
      for (int key = 0; key < keys; key++) {
        int k = key;
        sent.add(senders.submit(() -> {
          go.await();
          List<CompletableFuture<byte[]>> mine = new ArrayList<>();
          for (int n = 0; n < perKey; n++) {
            mine.add(rig.link.send(1, RecordingHandler.payload(k, n), k));
          }
          return mine;
        }));
      }
      go.countDown();
      for (Future<List<CompletableFuture<byte[]>>> f : sent) {
        for (CompletableFuture<byte[]> response : f.get(WAIT_S, TimeUnit.SECONDS)) {
          response.get(WAIT_S, TimeUnit.SECONDS);
        }
      }
    } finally {
      senders.shutdownNow();
    }
    List<Integer> expected = IntStream.range(0, perKey).boxed().collect(Collectors.toList());
    for (int key = 0; key < keys; key++) {
      assertEquals(expected, rig.handler.arrivals(key), "order of key " + key);
    }
    assertEquals(keys * perKey, rig.handler.handled());
  }

  @Test
  void aRequestWithoutResponseTimesOutAndTheLinkStaysUp() throws Exception {
    LinkTransportConfig config = LinkTransportConfig.builder(TIMINGS).connections(2).requestTimeoutMs(300)
        .handshakeTimeoutMs(3_000).build();
    rig = TransportRig.direct(config, RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    CompletableFuture<byte[]> unanswered = rig.link.send(1, RecordingHandler.payload(RecordingHandler.HOLD_KEY, 0),
        0);
    Throwable failure = failureOf(unanswered);
    assertInstanceOf(LinkRequestTimeoutException.class, failure);
    assertTrue(failure.getMessage().contains("within 300 ms"), failure.getMessage());
    assertEquals(0, rig.link.status().requestsInFlight());
    assertArrayEquals(RecordingHandler.payload(0, 1), rig.link.send(1, RecordingHandler.payload(0, 1), 0)
        .get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(LinkPhase.UP, rig.link.state().phase());
  }

  @Test
  void aFailingHandlerFailsThatRequestOnlyAndTheConnectionCarriesOn() throws Exception {
    rig = TransportRig.direct(TestLinks.config(1, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    long dials = rig.link.status().connections().get(0).dials();
    Throwable failure = failureOf(rig.link.send(1, RecordingHandler.payload(RecordingHandler.FAIL_KEY, 0), 0));
    assertInstanceOf(RemoteRequestFailedException.class, failure);
    assertTrue(failure.getMessage().contains("refused by the test handler"), failure.getMessage());
    assertArrayEquals(RecordingHandler.payload(0, 1), rig.link.send(1, RecordingHandler.payload(0, 1), 0)
        .get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(dials, rig.link.status().connections().get(0).dials(), "no reconnect");
    assertEquals(1, rig.server.connections().size());
  }

  @Test
  void sendFailsFastUntilProbationPasses() throws Exception {
    rig = TransportRig.direct(TestLinks.config(2, new LinkTimings(50, 400, 60_000)),
        RecordingLinkListener.drainingAtOnce());
    rig.awaitChange(LinkPhase.PROBATION, 0);
    CompletableFuture<byte[]> refused = rig.link.send(1, RecordingHandler.payload(0, 0), 0);
    assertTrue(refused.isCompletedExceptionally(), "failed before send returned");
    Throwable failure = failureOf(refused);
    assertInstanceOf(LinkDownException.class, failure);
    assertTrue(failure.getMessage().contains("PROBATION"), failure.getMessage());
    assertEquals(0, rig.handler.handled());
    List<ConnectionStatus> connections = rig.link.status().connections();
    assertEquals(ConnectionRole.HEARTBEATS_ONLY, connections.get(0).role(), "the probe");
    assertEquals(ConnectionStatus.State.OPEN, connections.get(0).state());
    assertEquals(ConnectionRole.OFF, connections.get(1).role());
    assertEquals(1, rig.server.connections().size(), "only the probe is connected during probation");
  }

  @Test
  void closingTheLinkFailsWhatIsInFlightAndRefusesNewRequests() throws Exception {
    rig = TransportRig.direct(TestLinks.config(2, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    CompletableFuture<byte[]> pending = rig.link.send(1, RecordingHandler.payload(RecordingHandler.HOLD_KEY, 0), 0);
    await().atMost(TestLinks.WAIT).until(() -> rig.handler.heldCount() == 1);
    rig.link.close();
    assertInstanceOf(LinkDownException.class, failureOf(pending));
    assertInstanceOf(LinkDownException.class, failureOf(rig.link.send(1, RecordingHandler.payload(0, 0), 0)));
    await().atMost(TestLinks.WAIT).until(() -> rig.server.connections().isEmpty());
  }

  @Test
  void aPayloadTooLargeForOneFrameIsRefusedAtTheCall() throws Exception {
    LinkTransportConfig config = LinkTransportConfig.builder(TIMINGS).connections(1).maxFrameLength(1024).build();
    rig = TransportRig.direct(config, RecordingLinkListener.drainingAtOnce());
    assertThrows(IllegalArgumentException.class, () -> rig.link.send(1, new byte[2000], 0));
  }

  @Test
  void aLinkListingAnHaPairDialsTheAgentThatListens() throws Exception {
    rig = TransportRig.behindASilentAddress(TestLinks.config(2, TIMINGS), RecordingLinkListener.drainingAtOnce());
    rig.awaitUpAndConnected();
    assertEquals(String.valueOf(rig.server.boundAddress()), rig.link.status().peerAddress());
    assertArrayEquals(RecordingHandler.payload(1, 2), rig.link.send(7, RecordingHandler.payload(1, 2), 1)
        .get(WAIT_S, TimeUnit.SECONDS));
  }

  @Test
  void theLinkStartsOnceAndCannotReachItself() throws Exception {
    rig = TransportRig.direct(TestLinks.config(1, TIMINGS), RecordingLinkListener.drainingAtOnce());
    assertThrows(IllegalStateException.class, () -> rig.link.start());
    assertThrows(IllegalArgumentException.class, () -> PeerLink.builder(TestLinks.SENDER,
        rig.server.boundAddress(), rig.config, TestLinks.senderAuth()));
    assertThrows(IllegalArgumentException.class, () -> rig.link.backlogDrained(99));
  }
}
