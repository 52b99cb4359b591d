package io.tandem.mirror.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encodes mirror requests and responses as frame payloads: a 4-byte header length, the header as JSON, then a
 * WRITE's raw content bytes. Decoding is strict and names what is wrong, so hostile or corrupt payloads are refused
 * with one clear message.
 */
public final class MirrorCodec {
  /** Largest header accepted; headers are small, a huge one is an attack or a bug. */
  public static final int MAX_HEADER_BYTES = 64 * 1024;

  private final ObjectMapper mapper = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  /** The whole payload in one array: {@link #encodeHead} followed by the content. */
  public byte[] encode(MirrorRequest request) {
    byte[] head = encodeHead(request);
    return ByteBuffer.allocate(head.length + request.dataLength()).put(head)
        .put(request.dataArray(), request.dataOffset(), request.dataLength()).array();
  }

  /**
   * The payload up to the content: the header's length and the header. The content ({@link
   * MirrorRequest#dataArray()}) follows it on the wire, sent from its own array.
   */
  public byte[] encodeHead(MirrorRequest request) {
    byte[] header = json(request);
    return ByteBuffer.allocate(4 + header.length).putInt(header.length).put(header).array();
  }

  public MirrorRequest decodeRequest(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    byte[] header = header(b, "request");
    MirrorRequest r;
    try {
      r = mapper.readValue(header, MirrorRequest.class);
    } catch (IOException e) {
      throw new MirrorProtocolException("mirror request header is not valid: " + firstLine(e));
    }
    if (r.op == null || r.volume == null) {
      throw new MirrorProtocolException("mirror request lacks " + (r.op == null ? "its op" : "its volume"));
    }
    int contentLength = b.remaining();
    if (contentLength > 0 && r.op != MirrorOp.WRITE) {
      throw new MirrorProtocolException("mirror request " + r.op + " carries " + contentLength + " content bytes; only WRITE may");
    }
    ShipClaimOffer.check(r);
    // The content stays where it arrived: the payload array is the request's alone, and copying each mirrored
    // byte once more cost the receiving agent CPU and a large array per chunk.
    return r.withData(payload, b.position(), contentLength);
  }

  public byte[] encode(MirrorResponse response) {
    byte[] header = json(response);
    return ByteBuffer.allocate(4 + header.length).putInt(header.length).put(header).array();
  }

  public MirrorResponse decodeResponse(byte[] payload) {
    byte[] header = header(ByteBuffer.wrap(payload), "response");
    try {
      MirrorResponse r = mapper.readValue(header, MirrorResponse.class);
      if (r.status == null) {
        throw new MirrorProtocolException("mirror response lacks its status");
      }
      if (r.claim != null) {
        r.claim.check();
      }
      return r;
    } catch (IOException e) {
      throw new MirrorProtocolException("mirror response is not valid: " + firstLine(e));
    }
  }

  private static byte[] header(ByteBuffer b, String what) {
    if (b.remaining() < 4) {
      throw new MirrorProtocolException("mirror " + what + " of " + b.remaining() + " bytes is too short for its header length");
    }
    int n = b.getInt();
    if (n < 2 || n > MAX_HEADER_BYTES || n > b.remaining()) {
      throw new MirrorProtocolException("mirror " + what + " header length " + n + " is not within 2.."
          + Math.min(MAX_HEADER_BYTES, b.remaining()));
    }
    byte[] header = new byte[n];
    b.get(header);
    return header;
  }

  private byte[] json(Object o) {
    try {
      return mapper.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + o, e);
    }
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
