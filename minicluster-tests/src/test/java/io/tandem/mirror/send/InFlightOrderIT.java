package io.tandem.mirror.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tandem.coord.retry.Backoff;
import io.tandem.it.TestDirsAccess;
import io.tandem.it.harness.TandemSite;
import io.tandem.mirror.apply.ChangeApplier;
import io.tandem.mirror.apply.ReceivingVolume;
import io.tandem.mirror.apply.VolumeGate;
import io.tandem.mirror.capture.Change;
import io.tandem.mirror.capture.InotifyTranslator;
import io.tandem.mirror.protocol.MirrorRequest;
import io.tandem.mirror.protocol.MirrorResponse;
import java.io.File;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.inotify.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender's window of small new files in flight, against a receiver whose apply threads finish them in any
 * order: here the newest first, whenever the sender waits for one. A path written again while its first write is
 * in flight must end with the second. A create that overwrites brings no delete into the edit log, so no other
 * change waits for the window between the two writes: the sender must itself hold the second back until the first
 * is stored.
 */
class InFlightOrderIT {
  private static TandemSite site;
  private static DistributedFileSystem fs;

  /** Applies a request sent without waiting only when the sender waits for one, newest first. */
  private static final class NewestFirstTransport implements MirrorTransport {
    private final ChangeApplier applier;
    private final Deque<Deferred> deferred = new ArrayDeque<>();

    NewestFirstTransport(ChangeApplier applier) {
      this.applier = applier;
    }

    private final class Deferred extends CompletableFuture<MirrorResponse> {
      final MirrorRequest request;

      Deferred(MirrorRequest request) {
        this.request = request;
      }

      @Override
      public MirrorResponse get() throws InterruptedException, ExecutionException {
        applyDeferred();
        return super.get();
      }
    }

    @Override
    public MirrorResponse call(long epoch, MirrorRequest request) {
      applyDeferred();
      return applier.apply("site-a", epoch, request);
    }

    @Override
    public CompletableFuture<MirrorResponse> callAsync(long epoch, MirrorRequest request) {
      Deferred d = new Deferred(request);
      deferred.push(d);
      return d;
    }

    private void applyDeferred() {
      while (!deferred.isEmpty()) {
        Deferred d = deferred.pop();
        d.complete(applier.apply("site-a", 1, d.request));
      }
    }

    @Override
    public boolean accepting() {
      return true;
    }
  }

  @BeforeAll
  static void startSite() throws Exception {
    site = TandemSite.builder("site-a", new File(TestDirsAccess.forClass(InFlightOrderIT.class), "dfs"))
        .dataNodes(1).plugins(false, false).withZooKeeper(false).start();
    fs = (DistributedFileSystem) org.apache.hadoop.fs.FileSystem.newInstance(site.conf());
  }

  @AfterAll
  static void stopSite() throws Exception {
    fs.close();
    site.close();
  }

  @Test
  void aPathWrittenAgainWhileItsFirstWriteIsInFlightEndsWithTheSecond() throws Exception {
    fs.mkdirs(new Path("/src/v"));
    fs.mkdirs(new Path("/dst/v"));
    ChangeApplier applier = new ChangeApplier(fs,
        v -> v.equals("v") ? Optional.of(new ReceivingVolume("v", "/dst/v", "site-a")) : Optional.empty(),
        VolumeGate.OPEN);
    MirrorStats stats = new MirrorStats();
    RetryingSender sender = new RetryingSender(new NewestFirstTransport(applier), () -> 1, stats,
        new Backoff(10, 100), ms -> { });
    VolumeEndpoints volume = new VolumeEndpoints("v", "/src/v", "/dst/v", fs);
    RemoteLengths remote = new RemoteLengths();
    ExecutorService readAhead = Executors.newSingleThreadExecutor();
    try {
      FileShipper files = new FileShipper(volume, sender, remote, stats, readAhead);
      ChangeShipper shipper = new ChangeShipper(volume, sender, files, new TreeSync(volume, sender, files, remote, true),
          remote, stats, System::currentTimeMillis, 600_000, new ChangeShipper.RenameRecord() {
            @Override
            public long appliedThrough() {
              return 0;
            }

            @Override
            public void applied(long txid) {
            }
          });
      InotifyTranslator translator = new InotifyTranslator("v", "/src/v");
      Path f = new Path("/src/v/f");
      Random random = new Random(3);
      byte[] last = null;
      for (int version = 1; version <= 2; version++) {
        last = new byte[1000 * version];
        random.nextBytes(last);
        try (FSDataOutputStream o = fs.create(f, true)) {
          o.write(last);
        }
        FileStatus st = fs.getFileStatus(f);
        // The edits of this version, read before the next one is written, as a sender keeping up reads them.
        shipAll(shipper, translator.translate(new Event.CreateEvent.Builder().path(f.toString())
            .iNodeType(Event.CreateEvent.INodeType.FILE).ctime(st.getModificationTime()).ownerName(st.getOwner())
            .groupName(st.getGroup()).perms(new FsPermission((short) 0644)).overwrite(true).build(), 10L * version, 0));
        shipAll(shipper, translator.translate(new Event.CloseEvent(f.toString(), st.getLen(),
            st.getModificationTime()), 10L * version + 1, 0));
      }
      shipper.drain();
      byte[] arrived = new byte[last.length];
      try (FSDataInputStream in = fs.open(new Path("/dst/v/f"))) {
        in.readFully(arrived);
      }
      assertArrayEquals(last, arrived, "the peer holds the second version");
    } finally {
      readAhead.shutdownNow();
    }
  }

  private static void shipAll(ChangeShipper shipper, java.util.List<Change> changes) throws Exception {
    for (Change c : changes) {
      shipper.ship(c);
    }
  }
}
