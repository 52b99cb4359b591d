package io.tandem.it.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.MirroredVolumes;
import io.tandem.it.harness.Trees;
import io.tandem.it.harness.TwoSites;
import io.tandem.mirror.client.LinkRequestClient;
import io.tandem.mirror.link.net.LinkTls;
import io.tandem.mirror.protocol.MirrorCodec;
import io.tandem.mirror.protocol.MirrorOp;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import io.tandem.mirror.wire.LinkAuthenticator;
import io.tandem.mirror.wire.LinkSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workloads mirroring must carry (many small files, a large file grown by many appends, a directory renamed
 * while files under it are still being written) and hostile input on the link port (malformed requests, paths
 * escaping the volume, a wrong secret, garbage bytes): each refused with a clear reason while the agent keeps
 * mirroring.
 */
class MirrorWorkloadsIT {
  private static final Duration CONVERGE = Duration.ofMinutes(5);
  private static TwoSites sites;
  private static FileSystem fsA;
  private static FileSystem fsB;
  private final Random random = new Random(11);

  @BeforeAll
  static void start() throws Exception {
    sites = TwoSites.start(TestDirsAccess.forClass(MirrorWorkloadsIT.class), 1, port -> port, MirrorWorkloadsIT::volume);
    fsA = Trees.comparableFs(sites.a());
    fsB = Trees.comparableFs(sites.b());
    fsA.mkdirs(new Path("/w"));
  }

  private static void volume(Configuration c, String site) {
    MirroredVolumes.timings(c, 200, 2000, 500, 500);
    MirroredVolumes.async(c, site, "w", "site-a");
  }


  @AfterAll
  static void stop() throws Exception {
    if (fsA != null) {
      fsA.close();
      fsB.close();
    }
    if (sites != null) {
      sites.close();
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void tenThousandSmallFiles() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int writer = t;
      writers.add(pool.submit(() -> {
        byte[] data = new byte[100];
        for (int i = 0; i < 2500; i++) {
          Path p = new Path("/w/small/d" + writer + "/f" + (i % 50) + "/file-" + i);
          try (FSDataOutputStream o = fsA.create(p)) {
            o.write(data, 0, 1 + (i % 100));
          }
        }
        return null;
      }));
    }
    for (Future<?> f : writers) {
      f.get();
    }
    pool.shutdown();
    Trees.awaitIdentical(fsA, "/w/small", fsB, "/w/small", CONVERGE);
    assertEquals(10_000, fsB.getContentSummary(new Path("/w/small")).getFileCount());
  }

  @Test
  void largeFileGrownByManyAppendsShipsOnlyItsNewBytes() throws Exception {
    Path big = new Path("/w/large.bin");
    try (FSDataOutputStream o = fsA.create(big)) {
      o.write(bytes(8 * 1024 * 1024));
    }
    byte[] chunk = bytes(4 * 1024 * 1024);
    for (int i = 0; i < 60; i++) { // 8 MiB + 60 x 4 MiB = 248 MiB
      try (FSDataOutputStream o = fsA.append(big)) {
        o.write(chunk, 0, chunk.length - i);
      }
    }
    Trees.awaitIdentical(fsA, "/w/large.bin", fsB, "/w/large.bin", CONVERGE);
    assertEquals(fsA.getFileStatus(big).getLen(), fsB.getFileStatus(big).getLen());
  }

  @Test
  void directoryRenamedWhileItsFilesAreStillBeingWritten() throws Exception {
    fsA.mkdirs(new Path("/w/active"));
    List<FSDataOutputStream> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      FSDataOutputStream o = fsA.create(new Path("/w/active/stream-" + i));
      o.write(bytes(10_000));
      o.hflush();
      open.add(o);
    }
    fsA.rename(new Path("/w/active"), new Path("/w/moved"));
    for (FSDataOutputStream o : open) {
      o.write(bytes(20_000));
      o.hflush();
    }
    fsA.rename(new Path("/w/moved"), new Path("/w/settled"));
    for (FSDataOutputStream o : open) {
      o.write(bytes(5_000));
      o.close();
    }
    Trees.awaitIdentical(fsA, "/w/settled", fsB, "/w/settled", CONVERGE);
    assertTrue(!fsB.exists(new Path("/w/active")) && !fsB.exists(new Path("/w/moved")));
  }

  private LinkRequestClient clientWithSecret(String secret) throws Exception {
    return LinkRequestClient.connect(new InetSocketAddress("127.0.0.1", sites.linkPortOfB()), "site-b",
        LinkAuthenticator.withSecret("site-a", LinkSecret.of(secret)), LinkTls.disabled(), 5000, 200);
  }

  @Test
  void hostileInputIsRefusedAndTheAgentKeepsMirroring() throws Exception {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(
        sites.b().nameNodePlugin(0).health().components().get("mirror")).contains("receiving on"));
    MirrorCodec codec = new MirrorCodec();
    try (LinkRequestClient c = clientWithSecret(TwoSites.SECRET)) {
      MirrorResponse garbage = codec.decodeResponse(c.call(1, "not a mirror request".getBytes(StandardCharsets.UTF_8), 10_000));
      assertEquals(MirrorResponse.Status.REFUSED, garbage.status);
      assertTrue(garbage.message.contains("header length"), garbage.message);

      for (String escaping : new String[] {"../../etc/passwd", "a/../../b", "/absolute/path", "./x", ".tandem/staging/x"}) {
        MirrorRequest r = MirrorRequest.builder(MirrorOp.WRITE, "w", "/w", 1, 0).path(escaping)
            .write(0, 4, false, true, new byte[] {1, 2, 3, 4}).build();
        MirrorResponse resp = codec.decodeResponse(c.call(1, codec.encode(r), 10_000));
        assertEquals(MirrorResponse.Status.REFUSED, resp.status, escaping + ": " + resp);
      }
      MirrorRequest wrongVolume = MirrorRequest.builder(MirrorOp.DELETE, "nope", "/w", 1, 0).path("x").build();
      MirrorResponse resp = codec.decodeResponse(c.call(1, codec.encode(wrongVolume), 10_000));
      assertEquals(MirrorResponse.Status.REFUSED, resp.status);
      assertTrue(resp.message.contains("volume nope is not declared"), resp.message);
    }
    assertTrue(!fsB.exists(new Path("/etc/passwd")) && !fsB.exists(new Path("/b")) && !fsB.exists(new Path("/absolute")));

    IOException wrongSecret = assertThrows(IOException.class, () -> clientWithSecret("a-different-secret-of-enough-length-0000"));
    assertTrue(wrongSecret.getMessage().contains("authentication"), wrongSecret.getMessage());

    for (byte[] raw : new byte[][] {"GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        ByteBuffer.allocate(8).putInt(0x544E444D).putInt(Integer.MAX_VALUE).array(), bytes(4096)}) {
      try (Socket s = new Socket("127.0.0.1", sites.linkPortOfB())) {
        s.setSoTimeout(10_000);
        OutputStream o = s.getOutputStream();
        o.write(raw);
        o.flush();
        InputStream in = s.getInputStream();
        byte[] sink = new byte[1024];
        while (in.read(sink) >= 0) {
          // drain the refusal notice until the agent closes the connection
        }
      }
    }

    Path after = new Path("/w/after-hostile-input.txt");
    try (FSDataOutputStream o = fsA.create(after)) {
      o.write(bytes(1234));
    }
    Trees.awaitIdentical(fsA, "/w/after-hostile-input.txt", fsB, "/w/after-hostile-input.txt", Duration.ofSeconds(60));
  }
}
