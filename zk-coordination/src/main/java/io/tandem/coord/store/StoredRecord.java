package io.tandem.coord.store;

/**
 * A record kept as JSON in a znode. Every record carries its format version; a reader refuses a record written
 * in a newer format than it understands instead of misreading it.
 */
public interface StoredRecord {
  /** The format this record was written in. */
  int formatVersion();

  /** The newest format this class reads. */
  int supportedFormatVersion();
}
