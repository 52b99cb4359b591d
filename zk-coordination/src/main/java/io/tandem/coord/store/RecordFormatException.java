package io.tandem.coord.store;

/** A znode's content is not a record this version of Tandem can read. */
public final class RecordFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  public RecordFormatException(String message) {
    super(message);
  }
}
