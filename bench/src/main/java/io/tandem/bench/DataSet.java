package io.tandem.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The files every phase writes, in write order: many small files with the large ones spread evenly among them,
 * {@value #FILES_PER_DIRECTORY} to a directory. The bytes are random (one fixed-seed buffer that each file reads
 * from its own offset), so nothing along the way can compress them.
 */
final class DataSet {
  static final int FILES_PER_DIRECTORY = 50;
  private static final int OFFSET_STRIDE = 4099;

  /** One file of the data set. */
  static final class DataFile {
    final String path;
    final int bytes;
    /** Where in {@link DataSet#content()} this file's bytes start. */
    final int contentOffset;

    DataFile(String path, int bytes, int contentOffset) {
      this.path = path;
      this.bytes = bytes;
      this.contentOffset = contentOffset;
    }
  }

  private final List<DataFile> files;
  private final byte[] content;
  private final long totalBytes;
  private final String description;

  private DataSet(List<DataFile> files, byte[] content, String description) {
    this.files = Collections.unmodifiableList(files);
    this.content = content;
    this.totalBytes = files.stream().mapToLong(f -> f.bytes).sum();
    this.description = description;
  }

  static DataSet of(int smallFiles, int smallBytes, int largeFiles, int largeBytes) {
    int count = smallFiles + largeFiles;
    List<DataFile> files = new ArrayList<>(count);
    int largeWritten = 0;
    for (int i = 0; i < count; i++) {
      // Large file number k goes at about (k + 0.5) * count / largeFiles, so they spread over the whole run.
      boolean large = largeWritten < largeFiles
          && (smallFiles == 0 || i >= (int) ((largeWritten + 0.5) * count / largeFiles));
      int size = large ? largeBytes : smallBytes;
      if (large) {
        largeWritten++;
      }
      String path = String.format(Locale.ROOT, "d%02d/f%04d", i / FILES_PER_DIRECTORY, i);
      files.add(new DataFile(path, size, (i * OFFSET_STRIDE) % (1024 * 1024)));
    }
    int largest = Math.max(smallFiles > 0 ? smallBytes : 0, largeFiles > 0 ? largeBytes : 0);
    byte[] content = new byte[largest + 1024 * 1024];
    new Random(20240611L).nextBytes(content);
    String description = String.format(Locale.ROOT, "%d x %s + %d x %s = %s in %d files", smallFiles,
        Units.bytes(smallBytes), largeFiles, Units.bytes(largeBytes), Units.bytes(files.stream().mapToLong(f -> f.bytes)
            .sum()), count);
    return new DataSet(files, content, description);
  }

  List<DataFile> files() {
    return files;
  }

  /** The random bytes files are cut from; not to be modified. */
  byte[] content() {
    return content;
  }

  long totalBytes() {
    return totalBytes;
  }

  String description() {
    return description;
  }
}
