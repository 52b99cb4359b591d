package io.tandem.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.MigrationRecord;
import io.tandem.coord.record.VolumeRole;
import io.tandem.coord.testing.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecordStoreTest {
  private static TestingServer server;
  private static CuratorFramework client;
  private final JsonCodec codec = new JsonCodec();

  @BeforeAll
  static void start() throws Exception {
    server = ZkTesting.server();
    client = ZkTesting.client(server.getConnectString(), 5000);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  private static VolumeRole role(VolumeRole.Role r, long epoch) {
    return new VolumeRole(VolumeRole.FORMAT, "logs", r, epoch, 0, "test");
  }

  @Test
  void compareAndSetRefusesAStaleVersion() throws Exception {
    RecordStore<VolumeRole> store = new RecordStore<>(client, VolumeRole.class, codec);
    String path = "/cas/site-a/volumes/logs/role";
    Versioned<VolumeRole> created = store.compareAndSet(path, RecordStore.ABSENT, role(VolumeRole.Role.PRIMARY, 1), Fence.NONE).orElseThrow();
    assertTrue(store.compareAndSet(path, RecordStore.ABSENT, role(VolumeRole.Role.PRIMARY, 1), Fence.NONE).isEmpty());
    Versioned<VolumeRole> updated = store.compareAndSet(path, created.version(), role(VolumeRole.Role.REPLICA, 2), Fence.NONE).orElseThrow();
    assertTrue(store.compareAndSet(path, created.version(), role(VolumeRole.Role.PRIMARY, 3), Fence.NONE).isEmpty());
    Versioned<VolumeRole> read = store.read(path).orElseThrow();
    assertEquals(VolumeRole.Role.REPLICA, read.value().role);
    assertEquals(updated.version(), read.version());
  }

  @Test
  void concurrentUpdatesNeverLoseAnIncrement() throws Exception {
    RecordStore<VolumeRole> store = new RecordStore<>(client, VolumeRole.class, codec);
    String path = "/concurrent/role";
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 25; i++) {
          store.update(path, cur -> role(VolumeRole.Role.PRIMARY, cur == null ? 1 : cur.epoch + 1), Fence.NONE);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertEquals(100, store.read(path).orElseThrow().value().epoch);
  }

  @Test
  void aFailingFenceRefusesTheWriteAtomically() throws Exception {
    RecordStore<MigrationRecord> store = new RecordStore<>(client, MigrationRecord.class, codec);
    client.create().creatingParentsIfNeeded().forPath("/fence/guard");
    Fence guard = c -> List.of(c.transactionOp().check().withVersion(0).forPath("/fence/guard"));
    MigrationRecord m = new MigrationRecord(MigrationRecord.FORMAT, "bp", 7, 1001, "dn1", "dn2",
        MigrationRecord.State.PLANNED, 0, 1, 0, "hot");
    store.compareAndSet("/fence/moves/7", RecordStore.ABSENT, m, guard).orElseThrow();
    client.setData().forPath("/fence/guard", new byte[] {1});
    assertThrows(FencedException.class, () -> store.update("/fence/moves/7",
        cur -> cur.withState(MigrationRecord.State.COPYING, 1, 1, 1, "go"), guard));
    assertEquals(MigrationRecord.State.PLANNED, store.read("/fence/moves/7").orElseThrow().value().state);
  }

  @Test
  void newerFormatsAndGarbageAreRefusedWithThePath() throws Exception {
    RecordStore<VolumeRole> store = new RecordStore<>(client, VolumeRole.class, codec);
    client.create().creatingParentsIfNeeded().forPath("/formats/newer",
        "{\"v\":99,\"volume\":\"x\",\"role\":\"PRIMARY\",\"epoch\":1}".getBytes(StandardCharsets.UTF_8));
    client.create().creatingParentsIfNeeded().forPath("/formats/garbage", new byte[] {0, 1, 2});
    RecordFormatException newer = assertThrows(RecordFormatException.class, () -> store.read("/formats/newer"));
    assertTrue(newer.getMessage().contains("/formats/newer") && newer.getMessage().contains("format 99"), newer.getMessage());
    RecordFormatException garbage = assertThrows(RecordFormatException.class, () -> store.read("/formats/garbage"));
    assertTrue(garbage.getMessage().contains("/formats/garbage"), garbage.getMessage());
  }

  @Test
  void childrenAreListedInOrderAndDeleteIsVersioned() throws Exception {
    RecordStore<VolumeRole> store = new RecordStore<>(client, VolumeRole.class, codec);
    for (String v : new String[] {"b", "a", "c"}) {
      store.compareAndSet("/children/" + v, RecordStore.ABSENT, role(VolumeRole.Role.PRIMARY, 1), Fence.NONE);
    }
    List<Versioned<VolumeRole>> all = store.readChildren("/children");
    assertEquals(List.of("/children/a", "/children/b", "/children/c"), all.stream().map(Versioned::path).collect(java.util.stream.Collectors.toList()));
    assertTrue(!store.delete("/children/a", 5, Fence.NONE));
    assertTrue(store.delete("/children/a", 0, Fence.NONE));
    assertTrue(store.read("/children/a").isEmpty());
    assertTrue(store.readChildren("/nothing-here").isEmpty());
  }
}
