package io.tandem.migrate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.coord.record.LoadReport;
import io.tandem.coord.store.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The published report: what it holds and how big it is. The sizes are the ZooKeeper arithmetic of the README: a
 * typical report of a busy DataNode with eight hot blocks and their shares is 354 bytes, and no report with eight hot
 * blocks exceeds 600 bytes (every number at its longest gives 537).
 */
class LoadReportsTest {
  private static final String UUID = "9f0c2a6e-3b1d-4e8f-a7c5-1d2e3f405162";
  private final JsonCodec codec = new JsonCodec();

  private static List<HotBlock> hot(long firstId, int n) {
    List<HotBlock> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new HotBlock(firstId + i, 100 - i, 0, (100 - i) / 5000.0));
    }
    return out;
  }

  private static LocalLoad busy() {
    ActivityRates rates = ActivityRates.between(ActivityTotals.ZERO,
        new ActivityTotals(1_234_567_890L, 98_765_432L, 1_234, 56), 10_000_000_000L);
    return new LocalLoad(1_767_225_600_123L, rates, TrafficPattern.classify(rates), 37, 41,
        OptionalDouble.of(4.567_891), hot(1_073_741_825L, 8));
  }

  @Test
  void aReportCarriesTheSampleRoundedAndTheScore() {
    LoadReport r = LoadReports.of(UUID, 12_345, busy(), 1.234_567);
    assertEquals(UUID, r.datanodeUuid);
    assertEquals(12_345, r.sequence);
    assertEquals(37, r.xceivers);
    assertEquals(41, r.transferThreads);
    assertEquals(123_456_789, r.bytesReadPerSec);
    assertEquals(9_876_543, r.bytesWrittenPerSec);
    assertEquals(123.4, r.blocksReadPerSec);
    assertEquals(5.6, r.blocksWrittenPerSec);
    assertEquals(4.57, r.ioLatencyMs);
    assertEquals("read-sequential", r.pattern);
    assertEquals(1.235, r.load);
    assertEquals(1_073_741_825L, r.hotBlocks.get(0));
    assertEquals(8, r.hotBlocks.size());
    assertEquals(0.5, LoadReports.withScore(r, 0.5).load);
  }

  @Test
  void aTypicalReportIs354BytesAndRoundTrips() {
    LoadReport r = LoadReports.of(UUID, 12_345, busy(), 1.234_567);
    byte[] encoded = codec.encode(r);
    assertEquals(354, encoded.length, new String(encoded, StandardCharsets.UTF_8));
    LoadReport back = codec.decode("/site-a/load/" + UUID, encoded, LoadReport.class);
    assertEquals(r.toString(), back.toString());
    assertEquals(r.hotBlocks, back.hotBlocks);
    assertEquals(List.of(0.02, 0.02, 0.02, 0.019, 0.019, 0.019, 0.019, 0.019), back.hotShares);
    assertEquals(r.transferThreads, back.transferThreads);
  }

  @Test
  void noReportWithEightHotBlocksExceeds600Bytes() {
    LocalLoad extreme = new LocalLoad(Long.MAX_VALUE,
        ActivityRates.between(ActivityTotals.ZERO, new ActivityTotals(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2,
            Long.MAX_VALUE / 2, Long.MAX_VALUE / 2), 1_000_000_000L),
        TrafficPattern.parse("mixed-sequential"),
        Integer.MAX_VALUE, Integer.MAX_VALUE, OptionalDouble.of(123_456.789), hot(Long.MIN_VALUE, 8));
    byte[] encoded = codec.encode(LoadReports.of(UUID, Long.MAX_VALUE, extreme, 123_456.789));
    assertTrue(encoded.length <= 600, encoded.length + " bytes: " + new String(encoded, StandardCharsets.UTF_8));
  }

  @Test
  void aReportWrittenBeforeTransferThreadsReadsThemAsZero() {
    String older = "{\"v\":1,\"dn\":\"" + UUID + "\",\"seq\":3,\"t\":9000,\"xc\":2,\"rBps\":10,\"wBps\":0,"
        + "\"rBlk\":0.5,\"wBlk\":0.0,\"ioMs\":0.0,\"pat\":\"read-random\",\"load\":1.0,\"hot\":[7]}";
    LoadReport r = codec.decode("/x", older.getBytes(StandardCharsets.UTF_8), LoadReport.class);
    assertEquals(0, r.transferThreads);
    assertEquals(2, r.xceivers);
    assertEquals(List.of(7L), r.hotBlocks);
    assertEquals(List.of(), r.hotShares);
  }
}
