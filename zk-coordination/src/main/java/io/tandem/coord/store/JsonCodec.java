package io.tandem.coord.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** JSON for stored records: unknown fields are ignored (older readers), newer formats refused. */
public final class JsonCodec {
  private final ObjectMapper mapper = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a record.
   *
   * @throws RecordFormatException naming the path when the bytes are not a valid record of that type
   */
  public <T extends StoredRecord> T decode(String path, byte[] bytes, Class<T> type) {
    T value;
    try {
      value = mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw new RecordFormatException("znode " + path + " does not hold a valid " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    }
    if (value.formatVersion() > value.supportedFormatVersion()) {
      throw new RecordFormatException("znode " + path + " holds a " + type.getSimpleName() + " in format "
          + value.formatVersion() + ", newer than this Tandem reads (" + value.supportedFormatVersion()
          + "): upgrade this agent");
    }
    return value;
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
