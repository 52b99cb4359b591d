package io.tandem.mirror.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SHIP_CLAIM requests and their answers on the wire: they round-trip, and hostile ones get one clear error. */
class ShipClaimCodecTest {
  private final MirrorCodec codec = new MirrorCodec();

  private static byte[] payload(String json) {
    byte[] h = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + h.length).putInt(h.length).put(h).array();
  }

  private String refusal(String json) {
    return assertThrows(MirrorProtocolException.class, () -> codec.decodeRequest(payload(json))).getMessage();
  }

  @Test
  void anOfferAndItsAnswerRoundTrip() {
    MirrorRequest r = MirrorRequest.builder(MirrorOp.SHIP_CLAIM, "v", null, 0, 0).path("")
        .snapshot("tandem-20261126T122900.123Z-site-a").claim(ShipClaimOffer.of(1.5)).build();
    MirrorRequest back = codec.decodeRequest(codec.encode(r));
    assertEquals(MirrorOp.SHIP_CLAIM, back.op);
    assertEquals(1.5, back.claim.score);
    assertEquals("tandem-20261126T122900.123Z-site-a", back.snapshot);

    MirrorResponse a = codec.decodeResponse(codec.encode(MirrorResponse.claim(MirrorResponse.Status.APPLIED,
        ShipClaimAnswer.refused("site-b", 0, "s1", 2500))));
    assertEquals(ShipClaimAnswer.Outcome.REFUSED, a.claim.outcome);
    assertEquals("site-b", a.claim.holder);
    assertEquals(2500L, a.claim.retryMs);
    assertTrue(a.message.contains("claimed by site-b"), a.message);
  }

  @Test
  void hostileOffersAreRefusedWithOneClearError() {
    String base = "{\"op\":\"SHIP_CLAIM\",\"volume\":\"v\",\"txid\":0,\"index\":0,\"path\":\"\"";
    assertEquals("SHIP_CLAIM lacks its claim", refusal(base + ",\"snapshot\":\"s1\"}"));
    assertEquals("ship claim format 2 is not supported (this side speaks 1)",
        refusal(base + ",\"snapshot\":\"s1\",\"claim\":{\"v\":2,\"score\":1}}"));
    assertTrue(refusal(base + ",\"snapshot\":\"s1\",\"claim\":{\"v\":1,\"score\":-1}}").contains("not within"));
    assertTrue(refusal(base + ",\"snapshot\":\"s1\",\"claim\":{\"v\":1,\"score\":1e300}}").contains("not within"));
    assertTrue(refusal(base + ",\"snapshot\":\"s1\",\"claim\":{\"v\":1,\"score\":\"NaN\"}}").contains("NaN"));
    assertEquals("SHIP_CLAIM lacks its snapshot name", refusal(base + ",\"claim\":{\"v\":1,\"score\":1}}"));
    assertTrue(refusal(base + ",\"snapshot\":\"../x\",\"claim\":{\"v\":1,\"score\":1}}")
        .contains("is not a snapshot name"));
    assertTrue(refusal(base + ",\"snapshot\":\"" + "s".repeat(300) + "\",\"claim\":{\"v\":1,\"score\":1}}")
        .contains("is not a snapshot name"));
    assertTrue(refusal(base + ",\"snapshot\":\"a\\u0001b\",\"claim\":{\"v\":1,\"score\":1}}")
        .contains("\"a?b\" is not a snapshot name"));
    assertEquals("mirror request WRITE carries a ship claim; only SHIP_CLAIM may",
        refusal("{\"op\":\"WRITE\",\"volume\":\"v\",\"txid\":0,\"index\":0,\"path\":\"f\","
            + "\"claim\":{\"v\":1,\"score\":1}}"));
  }

  @Test
  void malformedAnswersAreRefused() {
    String base = "{\"status\":\"APPLIED\",\"claim\":";
    assertTrue(assertThrows(MirrorProtocolException.class, () -> codec.decodeResponse(payload(base
        + "{\"v\":1}}"))).getMessage().contains("lacks its outcome"));
    assertTrue(assertThrows(MirrorProtocolException.class, () -> codec.decodeResponse(payload(base
        + "{\"v\":9,\"outcome\":\"GRANTED\"}}"))).getMessage().contains("format 9 is not supported"));
    assertTrue(assertThrows(MirrorProtocolException.class, () -> codec.decodeResponse(payload(base
        + "{\"v\":1,\"outcome\":\"WAIT\",\"retryMs\":-5}}"))).getMessage().contains("retry -5 ms"));
    assertTrue(assertThrows(MirrorProtocolException.class, () -> codec.decodeResponse(payload(base
        + "{\"v\":1,\"outcome\":\"FINISH_FIRST\"}}"))).getMessage().contains("lacks its snapshot name"));
  }
}
