package io.tandem.coord.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.store.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ship record: its progress line and ETA for status and the CLI, and its JSON round trip. */
class ShipRecordTest {
  private static ShipRecord shipping(long bytesDone, double rate) {
    return new ShipRecord(ShipRecord.FORMAT, "v", "s2", "s1", ShipRecord.State.SHIPPING, 3, 8, 40, 12, 30, bytesDone,
        10_000_000, bytesDone, rate, null, null, 1, 2, 7);
  }

  @Test
  void progressShowsDoneOfTotalRateAndEta() {
    ShipRecord r = shipping(4_000_000, 2_000_000);
    assertEquals(3000, r.etaMs());
    String line = r.progressLine();
    assertTrue(line.startsWith("s2 SHIPPING: 12/30 files, 3.8/9.5 MiB, portion 3/8, 2.00 MB/s, ETA 3 s"), line);
    assertTrue(line.endsWith("(since s1)"), line);
    assertEquals(-1, shipping(0, 0).etaMs(), "no rate yet: no estimate");
  }

  @Test
  void refusedShowsWhy() {
    ShipRecord r = new ShipRecord(ShipRecord.FORMAT, "v", "s3", "s2", ShipRecord.State.REFUSED, 0, 0, 0, 0, 0, 0, 0, 0,
        0, "the peer changed", List.of("+ x"), 1, 1, 7);
    assertEquals("s3 REFUSED: the peer changed", r.progressLine());
  }

  @Test
  void roundTripsThroughJson() {
    JsonCodec codec = new JsonCodec();
    ShipRecord r = shipping(5, 6);
    byte[] json = codec.encode(r);
    assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"state\":\"SHIPPING\""));
    ShipRecord back = codec.decode("/x", json, ShipRecord.class);
    assertEquals(r.progressLine(), back.progressLine());
    assertEquals(40, back.steps);
  }
}
